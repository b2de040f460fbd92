import Foundation
import Testing

/// A signal, a write error or a bad checkpoint on one rank reaches all
/// ranks: the job stops or fails cleanly within a bounded time, never hangs.
@Suite(.serialized) struct FailurePropagationTests {
    /// About 2200 NUTS iterations of 4 chains on a 31-dimensional posterior:
    /// long enough to deliver a signal while it runs.
    static let longJob = ["--kernel", "mcmc", "--model", "logistic-regression", "--chains", "4",
                          "--warmup", "200", "--draws", "2000", "--seed", "11"]

    @Test func signalToOneRankStopsAll() throws {
        let scratch = try Scratch("signal")
        defer { scratch.remove() }
        let job = try MPIJob(ranks: 2, ["run"] + Self.longJob + ["--checkpoint", "job.h5", "--progress-interval", "0.05"],
                             in: scratch.url)
        try job.waitForOutput("steps/s")
        let rank1 = try #require(job.processID(ofRank: 1), "rank 1 of the job was not found in /proc")

        kill(rank1, SIGUSR1)
        let result = try job.wait(timeout: 60)

        #expect(result.exitCode == 75, "output: \(result.output)")
        #expect(result.output.contains("stopping: rank 1: received SIGUSR1"))
        let resumed = try MPIJob.run(ranks: 2, ["--resume", "job.h5", "--segment-steps", "5"], in: scratch.url)
        #expect(resumed.exitCode == 75, "the stop checkpoint does not resume: \(resumed.output)")
    }

    @Test func writeErrorOnOneRankFailsAll() throws {
        let scratch = try Scratch("write-error")
        defer { scratch.remove() }
        let job = ["--kernel", "mcmc", "--model", "eight-schools", "--chains", "4", "--warmup", "50", "--draws", "50", "--seed", "3"]
        let first = try MPIJob.run(ranks: 3, ["run"] + job + ["--checkpoint", "job.h5", "--segment-steps", "40"], in: scratch.url)
        try #require(first.exitCode == 75, "output: \(first.output)")

        let result = try MPIJob.run(ranks: 3, ["--resume", "job.h5"], in: scratch.url,
                                    environment: ["PERPETUAL_TEST_FAIL_WRITE_ON_RANK": "1"])

        #expect(result.exitCode == 1, "output: \(result.output)")
        let injected = "write failure injected on rank 1"
        let ownLine = result.output.split(separator: "\n").first { $0.contains("ERROR [rank 1 ") }
        #expect(ownLine?.contains(injected) == true, "rank 1 did not report its write error: \(result.output)")
        for rank in [0, 2] {
            let line = result.output.split(separator: "\n").first { $0.contains("ERROR [rank \(rank) ") }
            #expect(line?.contains("rank 1 failed") == true, "rank \(rank) did not name rank 1: \(result.output)")
            #expect(line?.contains(injected) == true, "rank \(rank) did not relay the error of rank 1: \(result.output)")
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: scratch.url.path).filter { $0.contains(".tmp.") }
        #expect(leftovers.isEmpty, "temporary files left: \(leftovers)")

        let segments = try MPIJob.resumeUntilComplete(ranks: 2, checkpoint: "job.h5", in: scratch.url)
        #expect(segments == 2, "the step-40 checkpoint resumes to the end in segments of 40 steps")
    }

    @Test func corruptCheckpointFailsAllWithInputError() throws {
        let scratch = try Scratch("corrupt")
        defer { scratch.remove() }
        try Data("not an HDF5 file".utf8).write(to: scratch.url.appendingPathComponent("job.h5"))

        let result = try MPIJob.run(ranks: 2, ["--resume", "job.h5"], in: scratch.url)

        #expect(result.exitCode == 65, "output: \(result.output)")
        #expect(result.output.contains("ERROR [rank 0 "))
        let line = result.output.split(separator: "\n").first { $0.contains("ERROR [rank 1 ") }
        #expect(line?.contains("rank 0 failed") == true, "rank 1 did not relay the error of rank 0: \(result.output)")
    }
}
