import Testing
import PerpetualCore

/// Known-answer vectors of Philox4x32-10: the three `philox4x32 10` lines of
/// Random123's `tests/kat_vectors`, as counter, key and expected output.
///
/// NOTE: the values come from copies of that file in the test suites of other
/// Philox implementations, which agree with each other, not from the
/// Random123 repository itself.
struct PhiloxVector: CustomTestStringConvertible, Sendable {
    var name: String
    var counter: SIMD4<UInt32>
    var key: SIMD2<UInt32>
    var expected: SIMD4<UInt32>

    var testDescription: String { name }
}

let philoxVectors: [PhiloxVector] = [
    PhiloxVector(name: "all zeros",
                 counter: SIMD4(0x0000_0000, 0x0000_0000, 0x0000_0000, 0x0000_0000),
                 key: SIMD2(0x0000_0000, 0x0000_0000),
                 expected: SIMD4(0x6627_E8D5, 0xE169_C58D, 0xBC57_AC4C, 0x9B00_DBD8)),
    PhiloxVector(name: "all ones",
                 counter: SIMD4(0xFFFF_FFFF, 0xFFFF_FFFF, 0xFFFF_FFFF, 0xFFFF_FFFF),
                 key: SIMD2(0xFFFF_FFFF, 0xFFFF_FFFF),
                 expected: SIMD4(0x408F_276D, 0x41C8_3B0E, 0xA20B_C7C6, 0x6D54_51FD)),
    PhiloxVector(name: "pi digits",
                 counter: SIMD4(0x243F_6A88, 0x85A3_08D3, 0x1319_8A2E, 0x0370_7344),
                 key: SIMD2(0xA409_3822, 0x299F_31D0),
                 expected: SIMD4(0xD16C_FE09, 0x94FD_CCEB, 0x5001_E420, 0x2412_6EA1)),
]

@Suite struct Philox4x32Tests {
    @Test("Philox4x32-10 known answers", arguments: philoxVectors)
    func knownAnswer(_ vector: PhiloxVector) {
        let output = Philox4x32.block(counter: vector.counter, key: vector.key)
        for word in 0..<4 {
            #expect(output[word] == vector.expected[word], "word \(word)")
        }
    }
}
