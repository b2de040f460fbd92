import PerpetualCore
import Testing

/// Parsing of sizes such as `256MiB`, `500MB` and Slurm's `4G`.
@Suite struct ByteSizeTests {
    struct ValidCase: Sendable, CustomTestStringConvertible {
        var text: String
        var bytes: Int
        var testDescription: String { "'\(text)'" }
    }

    static let valid = [
        ValidCase(text: "256MiB", bytes: 268_435_456), ValidCase(text: "1GiB", bytes: 1_073_741_824),
        ValidCase(text: "500MB", bytes: 500_000_000), ValidCase(text: "4G", bytes: 4_294_967_296),
        ValidCase(text: " 1.5 KiB ", bytes: 1536), ValidCase(text: "512B", bytes: 512),
        ValidCase(text: "2m", bytes: 2_097_152), ValidCase(text: "1TB", bytes: 1_000_000_000_000),
    ]

    @Test(arguments: valid)
    func parsesValidSizes(_ size: ValidCase) throws {
        #expect(try ByteSize.parse(size.text) == size.bytes)
    }

    struct InvalidCase: Sendable, CustomTestStringConvertible {
        var text: String
        var reason: String
        var testDescription: String { "'\(text)'" }
    }

    static let invalid = [
        InvalidCase(text: "", reason: "the value is empty"),
        InvalidCase(text: "256", reason: "the unit is missing"),
        InvalidCase(text: "12XB", reason: "unknown unit 'XB'"),
        InvalidCase(text: "2mib", reason: "unit 'mib' ends in a lower-case b, which could mean bits; write B for bytes"),
        InvalidCase(text: "8Mb", reason: "unit 'Mb' ends in a lower-case b, which could mean bits; write B for bytes"),
        InvalidCase(text: "-1GiB", reason: "the size must be at least 1 byte"),
        InvalidCase(text: "x1GiB", reason: "unknown unit 'x1GiB'"),
        InvalidCase(text: "0.1B", reason: "the size must be at least 1 byte"),
        InvalidCase(text: "9000000TiB", reason: "the size is too large"),
    ]

    @Test(arguments: invalid)
    func rejectsInvalidSizes(_ size: InvalidCase) {
        let error = #expect(throws: ByteSizeFormatError.self) { try ByteSize.parse(size.text) }
        #expect(error?.input == size.text)
        #expect(error?.reason == size.reason)
        #expect(error?.description.hasPrefix("invalid size '\(size.text)': \(size.reason). Expected a number with a unit") == true)
    }

    @Test func formatsWithBinaryUnits() {
        #expect(ByteSize.format(1000) == "1000 B")
        #expect(ByteSize.format(1536) == "1.5 KiB")
        #expect(ByteSize.format(268_435_456) == "256.0 MiB")
        #expect(ByteSize.format(3 << 30) == "3.0 GiB")
    }
}
