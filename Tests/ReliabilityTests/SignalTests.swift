import Foundation
import Testing

/// Stop signals at awkward moments: each run exits 75 with exactly one
/// stop checkpoint, which validates and resumes to the uninterrupted result.
@Suite(.serialized) struct SignalTests {
    @Test func signalDuringStep() throws {
        let scratch = try Scratch("signal-step")
        defer { scratch.remove() }
        let job = try Simrun(Job.mcmcLong.run(), in: scratch.url)
        try job.waitForText("running from step 0")
        job.send(SIGTERM)
        let stopped = try job.wait()

        try expectOneStopCheckpoint(stopped, in: scratch, "SIGTERM during a step")
        _ = try Compare.resumeUntilComplete(in: scratch)
        try Compare.expectMatchesReference(.mcmcLong, in: scratch, "SIGTERM during a step")
    }

    @Test func twoSignalsOneMillisecondApart() throws {
        let scratch = try Scratch("signal-twice")
        defer { scratch.remove() }
        let job = try Simrun(Job.mcmcLong.run(), in: scratch.url)
        try job.waitForText("running from step 0")
        job.send(SIGTERM)
        usleep(1_000)
        job.send(SIGUSR1)
        let stopped = try job.wait()

        try expectOneStopCheckpoint(stopped, in: scratch, "two signals")
        _ = try Compare.resumeUntilComplete(in: scratch)
        try Compare.expectMatchesReference(.mcmcLong, in: scratch, "two signals")
    }

    @Test(arguments: Job.all)
    func signalDuringCheckpointWrite(_ job: Job) throws {
        let scratch = try Scratch("signal-write-\(job.kernel)")
        defer { scratch.remove() }

        // The process stops inside its first periodic commit, with the
        // generation open; SIGTERM is delivered when it continues.
        let process = try Simrun(job.run(extra: ["--checkpoint-every", "\(job.checkpointEvery)"]), in: scratch.url,
                                 environment: ["PERPETUAL_TEST_STOP_AT": "checkpoint-open:1"])
        try process.waitUntilStopped()
        process.send(SIGTERM)
        process.send(SIGCONT)
        let stopped = try process.wait()

        try expectOneStopCheckpoint(stopped, in: scratch, "SIGTERM during a checkpoint write")
        #expect(stopped.standardError.contains("checkpoint at step \(job.checkpointEvery) of"), "\(job.kernel): \(stopped.standardError)")
        _ = try Compare.resumeUntilComplete(in: scratch)
        try Compare.expectMatchesReference(job, in: scratch, "SIGTERM during a checkpoint write")
    }

    /// Expects exit 75 after one stop, a generation at `job.h5` that
    /// `simrun status` reads at the step the log names, and no temporary file.
    private func expectOneStopCheckpoint(_ result: Simrun.Result, in scratch: Scratch, _ context: String,
                                         sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(result.exitCode == 75, "\(context): \(result.standardError)", sourceLocation: sourceLocation)
        let stops = result.standardError.components(separatedBy: "\n").filter { $0.contains("work remains") }
        #expect(stops.count == 1, "\(context): \(result.standardError)", sourceLocation: sourceLocation)
        let status = try Simrun.run(["status", "job.h5"], in: scratch.url)
        #expect(status.exitCode == 0, "\(context): \(status.standardError)", sourceLocation: sourceLocation)
        let step = status.standardOutput.components(separatedBy: "\n").first { $0.hasPrefix("step=") }?.dropFirst(5) ?? ""
        #expect(result.standardError.contains("checkpoint at step \(step) of"), "\(context): status step \(step), log: \(result.standardError)",
                sourceLocation: sourceLocation)
        #expect(status.standardOutput.contains("path=job.h5\n"), "\(context): \(status.standardOutput)", sourceLocation: sourceLocation)
        #expect(scratch.temporaryFiles().isEmpty, "\(context): temporary files left: \(scratch.temporaryFiles())", sourceLocation: sourceLocation)
    }
}
