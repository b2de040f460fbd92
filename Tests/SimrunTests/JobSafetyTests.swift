import Foundation
import Testing

/// Guards around a running job: one process per job, a closed log pipe, a
/// budget too short for progress, and unusual checkpoint names.
@Suite(.serialized) struct JobSafetyTests {
    static let longJob = ["run", "--model", "logistic-regression", "--chains", "2", "--warmup", "500",
                          "--draws", "100000", "--seed", "3", "--progress-interval", "0.05"]

    @Test func secondProcessOnSameJobIsRejected() throws {
        let scratch = try ScratchDirectory("lock")
        defer { scratch.remove() }
        let first = try SimrunProcess(Self.longJob + ["--checkpoint", "job.h5"], in: scratch.url)
        try JobChain.waitForText("steps/s", in: first)

        let second = try SimrunProcess.run(["--resume", "job.h5"], in: scratch.url)
        first.send(SIGTERM)
        let firstResult = try first.wait()

        #expect(second.exitCode == 1, "stderr: \(second.standardError)")
        #expect(second.standardError.contains("another process is running this job"))
        #expect(firstResult.exitCode == 75, "stderr: \(firstResult.standardError)")
        let resumed = try SimrunProcess.run(["--resume", "job.h5", "--segment-steps", "5"], in: scratch.url)
        #expect(resumed.exitCode == 75, "the lock is released at exit: \(resumed.standardError)")
    }

    @Test func closedLogPipeStillCheckpoints() throws {
        let scratch = try ScratchDirectory("pipe")
        defer { scratch.remove() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: SimrunProcess.binary)
        process.arguments = Self.longJob + ["--checkpoint", "job.h5"]
        process.currentDirectoryURL = scratch.url
        let pipe = Pipe()
        process.standardError = pipe
        process.standardOutput = FileHandle.nullDevice
        try process.run()

        // Close the only reader, as when `simrun … | tee log` loses its tee.
        try pipe.fileHandleForReading.close()
        usleep(800_000)
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()

        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 75)
        #expect(FileManager.default.fileExists(atPath: scratch.path("job.h5")))
    }

    @Test func walltimeTooShortForOneStepFails() throws {
        let scratch = try ScratchDirectory("tiny-walltime")
        defer { scratch.remove() }

        let result = try SimrunProcess.run(Self.longJob + ["--checkpoint", "job.h5", "--walltime", "0.01s"], in: scratch.url)

        #expect(result.exitCode == 1, "stderr: \(result.standardError)")
        #expect(result.standardError.contains("too short"))
    }

    @Test(arguments: ["x", "a b", "it's", "$HOME"])
    func unusualCheckpointNames(_ name: String) throws {
        let scratch = try ScratchDirectory("names")
        defer { scratch.remove() }

        let first = try SimrunProcess.run(["run", "--warmup", "10", "--draws", "20", "--seed", "1", "--checkpoint", name,
                                           "--segment-steps", "15"], in: scratch.url)
        let second = try SimrunProcess.run(["--resume", name, "--segment-steps", "none"], in: scratch.url)

        #expect(first.exitCode == 75, "stderr: \(first.standardError)")
        #expect(first.standardError.contains("simrun --resume \(shellWord(name))"))
        #expect(second.exitCode == 0, "stderr: \(second.standardError)")
        #expect(FileManager.default.fileExists(atPath: scratch.path(name)))
    }

    @Test func checkpointOptionWithResumeIsRejected() throws {
        let scratch = try ScratchDirectory("resume-checkpoint")
        defer { scratch.remove() }
        let first = try SimrunProcess.run(["run", "--warmup", "10", "--draws", "20", "--seed", "1", "--checkpoint", "job.h5",
                                           "--segment-steps", "5"], in: scratch.url)
        try #require(first.exitCode == 75)

        let result = try SimrunProcess.run(["--resume", "job.h5", "--checkpoint", "other.h5"], in: scratch.url)

        #expect(result.exitCode == 64)
        #expect(result.standardError.contains("'other.h5'"))
        #expect(result.standardError.contains("simrun --resume PATH --help"))
    }

    /// Returns the quoting expected in the log's resume hint.
    func shellWord(_ name: String) -> String {
        switch name {
        case "x": "x"
        case "a b": "'a b'"
        case "it's": #"'it'\''s'"#
        default: "'\(name)'"
        }
    }
}
