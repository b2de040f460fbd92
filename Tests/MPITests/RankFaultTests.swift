import Foundation
import Testing

/// Faults of one rank while the job steps: a kernel step that throws there,
/// a rank killed with SIGKILL, a rank much slower than the others. Each job
/// ends by itself well inside its timeout, and a resume from the newest
/// committed generation ends with the same bytes as an uninterrupted run.
@Suite(.serialized) struct RankFaultTests {
    static var job: [String] { RankCountIdentityTests.job }

    struct StepFault: CustomTestStringConvertible, Sendable {
        var ranks: Int
        var failingRank: Int
        /// Step (from 1) that throws; segment 1 ends at step 90.
        var step: Int
        var testDescription: String { "step \(step) throws on rank \(failingRank) of \(ranks)" }
    }

    @Test(arguments: [StepFault(ranks: 2, failingRank: 1, step: 120), StepFault(ranks: 4, failingRank: 0, step: 91)])
    func stepFailureOnOneRankEndsAll(_ fault: StepFault) throws {
        let scratch = try Scratch("step-failure")
        defer { scratch.remove() }
        try RankCountIdentityTests.runReference(Self.job, in: scratch)
        let first = try MPIJob.run(ranks: 2, ["run"] + Self.job + ["--checkpoint", "job.h5", "--segment-steps", "90"], in: scratch.url)
        try #require(first.exitCode == 75, "output: \(first.output)")

        let environment = ["PERPETUAL_TEST_FAIL_STEP_ON_RANK": String(fault.failingRank), "PERPETUAL_TEST_FAIL_AT_STEP": String(fault.step)]
        let result = try MPIJob.run(ranks: fault.ranks, ["--resume", "job.h5"], in: scratch.url, environment: environment,
                                    reportingRankExits: true, timeout: 60)

        let expectedExits = Dictionary(uniqueKeysWithValues: (0..<fault.ranks).map { ($0, Int32(1)) })
        #expect(result.rankExitCodes == expectedExits, "output: \(result.output)")
        let injected = "step \(fault.step) failure injected on rank \(fault.failingRank)"
        for rank in 0..<fault.ranks {
            let line = result.errorLine(ofRank: rank)
            #expect(line?.contains("failed in step \(fault.step) of 250") == true, "rank \(rank) names another step: \(result.output)")
            #expect(line?.contains(injected) == true, "rank \(rank) did not report the injected error: \(result.output)")
            if rank != fault.failingRank {
                #expect(line?.contains("rank \(fault.failingRank) failed") == true, "rank \(rank) did not name the failing rank: \(result.output)")
            }
        }

        // Nothing was committed after step 90: two segments of 90 steps remain.
        let segments = try MPIJob.resumeUntilComplete(ranks: 4, checkpoint: "job.h5", in: scratch.url)
        #expect(segments == 2)
        try RankCountIdentityTests.expectIdentical(scratch, job: "job")
    }

    @Test func killedRankEndsJob() throws {
        let scratch = try Scratch("sigkill")
        defer { scratch.remove() }
        try RankCountIdentityTests.runReference(Self.job, in: scratch)

        // 20 ms per step on rank 0 makes the 250 steps last about 5 s; a
        // checkpoint every 50 steps commits the first after about 1 s.
        let slow = ["PERPETUAL_TEST_SLOW_RANK": "0", "PERPETUAL_TEST_SLOW_STEP_SECONDS": "0.02"]
        let job = try MPIJob(ranks: 2, ["run"] + Self.job + ["--checkpoint", "job.h5", "--checkpoint-every", "50"],
                             in: scratch.url, environment: slow)
        try Self.waitForFile(scratch.path("job.h5"), while: job)
        let rank1 = try #require(job.processID(ofRank: 1), "rank 1 of the job was not found in /proc")

        kill(rank1, SIGKILL)
        let killed = Date()
        let result = try job.wait(timeout: 60)
        let seconds = Date().timeIntervalSince(killed)

        #expect(result.exitCode != 0, "output: \(result.output)")
        #expect(result.exitCode != 75, "output: \(result.output)")
        #expect(job.processID(ofRank: 0) == nil, "rank 0 outlived mpirun")
        print("mpirun ended \(String(format: "%.2f", seconds)) s after SIGKILL of rank 1 with status \(result.exitCode)")

        let segments = try MPIJob.resumeUntilComplete(ranks: 4, checkpoint: "job.h5", in: scratch.url)
        #expect(segments == 1)
        try RankCountIdentityTests.expectIdentical(scratch, job: "job")
    }

    struct Slowdown: CustomTestStringConvertible, Sendable {
        var ranks: Int
        var slowRank: Int
        var stepSeconds: Double
        var resumeRanks: Int?
        var testDescription: String { "rank \(slowRank) of \(ranks) sleeps \(stepSeconds) s per step" }
    }

    @Test(arguments: [Slowdown(ranks: 2, slowRank: 1, stepSeconds: 0.005, resumeRanks: 4),
                      Slowdown(ranks: 4, slowRank: 3, stepSeconds: 0.005, resumeRanks: nil)])
    func slowRankKeepsResults(_ slowdown: Slowdown) throws {
        let scratch = try Scratch("slow-rank")
        defer { scratch.remove() }
        try RankCountIdentityTests.runReference(Self.job, in: scratch)
        let environment = ["PERPETUAL_TEST_SLOW_RANK": String(slowdown.slowRank),
                           "PERPETUAL_TEST_SLOW_STEP_SECONDS": String(slowdown.stepSeconds)]

        let first = try MPIJob.run(ranks: slowdown.ranks, ["run"] + Self.job + ["--checkpoint", "job.h5", "--segment-steps", "120",
                                                                                "--checkpoint-every", "50"],
                                   in: scratch.url, environment: environment, reportingRankExits: true, timeout: 60)

        let expectedExits = Dictionary(uniqueKeysWithValues: (0..<slowdown.ranks).map { ($0, Int32(75)) })
        #expect(first.rankExitCodes == expectedExits, "output: \(first.output)")
        let segments = try MPIJob.resumeUntilComplete(ranks: slowdown.resumeRanks, checkpoint: "job.h5", in: scratch.url)
        #expect(segments == 2)
        try RankCountIdentityTests.expectIdentical(scratch, job: "job")
    }

    /// Waits until `path` exists; throws when `job` ends first or after 30 s.
    static func waitForFile(_ path: String, while job: MPIJob) throws {
        let deadline = Date().addingTimeInterval(30)
        while !FileManager.default.fileExists(atPath: path) {
            if !job.process.isRunning { throw TestSetupError("job ended before \(path) existed: \(job.currentOutput)") }
            if Date() > deadline { throw TestSetupError("\(path) did not appear within 30 s: \(job.currentOutput)") }
            usleep(10_000)
        }
    }
}
