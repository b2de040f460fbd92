import Testing
@testable import PerpetualSlurm

@Suite struct ChainJobNameTests {
    /// Published FNV-1a 64-bit test vectors.
    @Test("FNV-1a 64 known answers", arguments: [
        ("", UInt64(0xcbf2_9ce4_8422_2325)),
        ("a", UInt64(0xaf63_dc4c_8601_ec8c)),
    ])
    func fnvKnownAnswers(text: String, expected: UInt64) {
        #expect(ChainJobName.fnv1a64(text) == expected)
    }

    @Test func nameOfKnownPath() {
        #expect(ChainJobName.forCheckpoint("/scratch/run/job.h5") == "perpetual-job-4da221cb")
    }

    @Test("file stems", arguments: [
        ("/a/job.h5", "job"),
        ("/a/job.v2.h5", "job.v2"),
        ("/a/job", "job"),
        ("/a/.hidden", ".hidden"),
        ("/a/ck 'a' $c.h5", "ck 'a' $c"),
    ])
    func stems(path: String, expected: String) {
        #expect(ChainJobName.stem(of: path) == expected)
    }

    @Test func sameFileNameInTwoDirectoriesDiffers() {
        let first = ChainJobName.forCheckpoint("/scratch/alice/run/job.h5")
        let second = ChainJobName.forCheckpoint("/scratch/alice/other/job.h5")
        #expect(first != second)
        #expect(first.hasPrefix("perpetual-job-"))
        #expect(second.hasPrefix("perpetual-job-"))
    }

    @Test func nameIsStableForOnePath() {
        #expect(ChainJobName.forCheckpoint("/x/y.h5") == ChainJobName.forCheckpoint("/x/y.h5"))
    }

    @Test func hashHasEightDigits() {
        for path in ["/", "/a", "/b/c.h5", "/tmp/dir with 'q'/ck.h5"] {
            let digits = ChainJobName.hashDigits(of: path)
            #expect(digits.count == 8, "\(path) gives \(digits)")
            let allHexadecimal = digits.allSatisfy { $0.isHexDigit }
            let anyUppercase = digits.contains { $0.isUppercase }
            #expect(allHexadecimal, "\(path) gives \(digits)")
            #expect(!anyUppercase, "\(path) gives \(digits)")
        }
    }
}
