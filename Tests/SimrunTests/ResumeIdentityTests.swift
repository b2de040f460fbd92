import Foundation
import Testing

/// A job interrupted and resumed gives the same bytes as one that ran
/// straight through: the same trace and the same final state.
@Suite(.serialized) struct ResumeIdentityTests {
    static let eightSchools = ["--kernel", "mcmc", "--model", "eight-schools", "--chains", "4",
                               "--warmup", "150", "--draws", "250", "--seed", "20261204"]
    static let logistic = ["--kernel", "mcmc", "--model", "logistic-regression", "--chains", "2",
                           "--warmup", "200", "--draws", "600", "--seed", "7"]

    /// Runs `arguments` straight through into `reference.h5`.
    static func runReference(_ arguments: [String], in scratch: ScratchDirectory) throws {
        let result = try SimrunProcess.run(["run"] + arguments + ["--checkpoint", "reference.h5"], in: scratch.url)
        try #require(result.exitCode == 0, "reference run failed: \(result.standardError)")
    }

    static func expectIdentical(_ scratch: ScratchDirectory, job: String) throws {
        for object in ["/posterior", "/sample_stats"] {
            let diff = try JobChain.h5diff(scratch.path("reference.trace.h5"), scratch.path("\(job).trace.h5"), object: object)
            #expect(diff.status == 0, "trace \(object) differs: \(diff.output)")
        }
        let state = try JobChain.h5diff(scratch.path("reference.h5"), scratch.path("\(job).h5"), object: "/state")
        #expect(state.status == 0, "final state differs: \(state.output)")
    }

    @Test func segmentStepInterruptions() throws {
        let scratch = try ScratchDirectory("segments")
        defer { scratch.remove() }
        try Self.runReference(Self.eightSchools, in: scratch)

        // 400 steps in segments of at most 90: warm-up and sampling both split.
        let first = try SimrunProcess.run(["run"] + Self.eightSchools + ["--checkpoint", "job.h5", "--segment-steps", "90"], in: scratch.url)
        #expect(first.exitCode == 75, "stderr: \(first.standardError)")
        let segments = try JobChain.resumeUntilComplete(checkpoint: "job.h5", in: scratch.url, extraArguments: ["--segment-steps", "90"])

        #expect(segments == 4)
        try Self.expectIdentical(scratch, job: "job")
    }

    @Test func periodicCheckpointsDoNotChangeResults() throws {
        let scratch = try ScratchDirectory("periodic")
        defer { scratch.remove() }
        try Self.runReference(Self.eightSchools, in: scratch)

        let result = try SimrunProcess.run(["run"] + Self.eightSchools + ["--checkpoint", "job.h5", "--checkpoint-every", "7"], in: scratch.url)

        #expect(result.exitCode == 0, "stderr: \(result.standardError)")
        try Self.expectIdentical(scratch, job: "job")
        let generations = try FileManager.default.contentsOfDirectory(atPath: scratch.url.path).filter { $0.hasPrefix("job.step-") }
        #expect(generations.count == 1, "with --keep 2 one older generation stays: \(generations)")
    }

    @Test func walltimeAndSignalInterruptions() throws {
        let scratch = try ScratchDirectory("signals")
        defer { scratch.remove() }
        try Self.runReference(Self.logistic, in: scratch)

        // Segment 1 ends by SIGTERM, segment 2 by SIGUSR1, both mid-run.
        let first = try SimrunProcess(["run"] + Self.logistic + ["--checkpoint", "job.h5", "--progress-interval", "0.05"],
                                      in: scratch.url)
        try JobChain.waitForText("steps/s", in: first)
        first.send(SIGTERM)
        let firstResult = try first.wait()
        #expect(firstResult.exitCode == 75, "SIGTERM: \(firstResult.standardError)")
        #expect(firstResult.standardError.contains("SIGTERM"))

        let second = try SimrunProcess(["--resume", "job.h5", "--progress-interval", "0.05"], in: scratch.url)
        try JobChain.waitForText("steps/s", in: second)
        second.send(SIGUSR1)
        let secondResult = try second.wait()
        #expect(secondResult.exitCode == 75, "SIGUSR1: \(secondResult.standardError)")
        #expect(secondResult.standardError.contains("SIGUSR1"))

        // The remaining segments end by a short walltime budget.
        let segments = try JobChain.resumeUntilComplete(checkpoint: "job.h5", in: scratch.url, extraArguments: ["--walltime", "1s"],
                                                         maxSegments: 200)
        #expect(segments >= 2, "walltime interruptions: \(segments) segments")

        try Self.expectIdentical(scratch, job: "job")
    }
}
