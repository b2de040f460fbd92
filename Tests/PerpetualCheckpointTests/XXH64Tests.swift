import Testing
import PerpetualCheckpoint

@Suite("XXH64 checksum")
struct XXH64Tests {
    struct Vector: CustomTestStringConvertible, Sendable {
        var name: String
        var input: [UInt8]
        var seed: UInt64
        var expected: UInt64
        var testDescription: String { name }
    }

    /// Expected values from Python's `xxhash` 4.1.0 (`xxhash.xxh64(data, seed).intdigest()`);
    /// the empty and `abc` results are also the ones the xxHash project publishes.
    static let vectors: [Vector] = [
        Vector(name: "empty", input: [], seed: 0, expected: 0xEF46_DB37_51D8_E999),
        Vector(name: "empty, seed 1", input: [], seed: 1, expected: 0xD5AF_BA13_36A3_BE4B),
        Vector(name: "one byte", input: Array("a".utf8), seed: 0, expected: 0xD24E_C4F1_A98C_6E5B),
        Vector(name: "abc", input: Array("abc".utf8), seed: 0, expected: 0x44BC_2CF5_AD77_0999),
        Vector(name: "abc, seed 1", input: Array("abc".utf8), seed: 1, expected: 0xBEA9_CA81_9932_8908),
        Vector(name: "43-byte sentence", input: Array("The quick brown fox jumps over the lazy dog".utf8),
               seed: 0, expected: 0x0B24_2D36_1FDA_71BC),
        Vector(name: "bytes 0 to 99", input: (0..<100).map { UInt8($0) }, seed: 0, expected: 0x6AC1_E580_3216_6597),
        Vector(name: "bytes 0 to 99, seed 1", input: (0..<100).map { UInt8($0) }, seed: 1, expected: 0x3D19_A3A2_098A_7023),
    ]

    @Test("matches reference vectors", arguments: vectors)
    func referenceVector(_ vector: Vector) {
        #expect(XXH64.hash(of: vector.input, seed: vector.seed) == vector.expected)
    }

    @Test("string hash uses UTF-8 bytes")
    func stringHash() {
        #expect(XXH64.hash(utf8: "abc") == 0x44BC_2CF5_AD77_0999)
        #expect(XXH64.hash(utf8: "é") == XXH64.hash(of: [UInt8(0xC3), 0xA9]))
    }
}
