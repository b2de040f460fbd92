import Foundation
import Testing

/// A fault on one rank in a step of the collective checkpoint (the open of
/// the file, of a dataset, the row write, the close) or of the resume read:
/// every rank ends by itself with the same exit status and an error that
/// names the failing rank, and the previous generation resumes to the same
/// bytes as an uninterrupted run.
@Suite(.serialized) struct CollectiveFaultTests {
    struct Fault: CustomTestStringConvertible, Sendable {
        var name: String
        /// Environment variable of the hook; its value is the failing rank.
        var variable: String
        var ranks: Int
        var failingRank: Int
        /// Text of the injected error, which every rank must report.
        var injected: String
        var exitCode: Int32
        /// Ranks of the resume after the failure, to the end of the job.
        var resumeRanks: Int?

        var testDescription: String { "\(name) fails on rank \(failingRank) of \(ranks)" }
    }

    static let faults = [
        Fault(name: "file open", variable: "PERPETUAL_TEST_FAIL_OPEN_ON_RANK", ranks: 2, failingRank: 1,
              injected: "open failure injected on rank 1", exitCode: 1, resumeRanks: 4),
        Fault(name: "file open", variable: "PERPETUAL_TEST_FAIL_OPEN_ON_RANK", ranks: 4, failingRank: 0,
              injected: "open failure injected on rank 0", exitCode: 1, resumeRanks: 2),
        Fault(name: "dataset open", variable: "PERPETUAL_TEST_FAIL_DATASET_OPEN_ON_RANK", ranks: 4, failingRank: 2,
              injected: "H5Dopen2 failure injected on rank 2", exitCode: 1, resumeRanks: 2),
        Fault(name: "row write", variable: "PERPETUAL_TEST_FAIL_WRITE_ON_RANK", ranks: 2, failingRank: 1,
              injected: "write failure injected on rank 1", exitCode: 1, resumeRanks: nil),
        Fault(name: "file close", variable: "PERPETUAL_TEST_FAIL_CLOSE_ON_RANK", ranks: 4, failingRank: 3,
              injected: "H5Fclose failure injected on rank 3", exitCode: 1, resumeRanks: 2),
        Fault(name: "file close", variable: "PERPETUAL_TEST_FAIL_CLOSE_ON_RANK", ranks: 2, failingRank: 0,
              injected: "H5Fclose failure injected on rank 0", exitCode: 1, resumeRanks: 4),
        // A share that cannot be read makes the checkpoint unusable: bad input data.
        Fault(name: "resume read", variable: "PERPETUAL_TEST_FAIL_READ_ON_RANK", ranks: 4, failingRank: 1,
              injected: "H5Dread failure injected on rank 1", exitCode: 65, resumeRanks: 2),
    ]

    @Test(arguments: faults)
    func faultOnOneRankEndsAllRanks(_ fault: Fault) throws {
        let scratch = try Scratch("fault")
        defer { scratch.remove() }
        try RankCountIdentityTests.runReference(RankCountIdentityTests.job, in: scratch)

        // Segment 1 commits step 90; the faulty segment would commit step 180.
        let first = try MPIJob.run(ranks: 2, ["run"] + RankCountIdentityTests.job + ["--checkpoint", "job.h5", "--segment-steps", "90"],
                                   in: scratch.url)
        try #require(first.exitCode == 75, "output: \(first.output)")

        let result = try MPIJob.run(ranks: fault.ranks, ["--resume", "job.h5"], in: scratch.url,
                                    environment: [fault.variable: String(fault.failingRank)], reportingRankExits: true, timeout: 60)

        let expectedExits = Dictionary(uniqueKeysWithValues: (0..<fault.ranks).map { ($0, fault.exitCode) })
        #expect(result.rankExitCodes == expectedExits, "output: \(result.output)")
        let ownLine = result.errorLine(ofRank: fault.failingRank)
        #expect(ownLine?.contains(fault.injected) == true, "rank \(fault.failingRank) did not report its error: \(result.output)")
        for rank in 0..<fault.ranks where rank != fault.failingRank {
            let line = result.errorLine(ofRank: rank)
            #expect(line?.contains("rank \(fault.failingRank) failed") == true, "rank \(rank) did not name rank \(fault.failingRank): \(result.output)")
            #expect(line?.contains(fault.injected) == true, "rank \(rank) did not relay the error: \(result.output)")
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: scratch.url.path).filter { $0.contains(".tmp.") }
        #expect(leftovers.isEmpty, "temporary files left: \(leftovers)")

        // The step-90 generation resumes to the end in segments of 90 steps.
        let segments = try MPIJob.resumeUntilComplete(ranks: fault.resumeRanks, checkpoint: "job.h5", in: scratch.url)
        #expect(segments == 2)
        try RankCountIdentityTests.expectIdentical(scratch, job: "job")
    }
}
