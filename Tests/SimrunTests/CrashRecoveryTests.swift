import Foundation
import Testing

/// A job killed with SIGKILL at any moment, including in the middle of a
/// checkpoint write, resumes from a complete generation and still produces
/// the bytes of an uninterrupted run.
@Suite(.serialized) struct CrashRecoveryTests {
    static let job = ["--kernel", "mcmc", "--model", "logistic-regression", "--chains", "2",
                      "--warmup", "150", "--draws", "400", "--seed", "11"]

    @Test func killDuringCheckpointWrites() throws {
        let scratch = try ScratchDirectory("kill9")
        defer { scratch.remove() }
        let reference = try SimrunProcess.run(["run"] + Self.job + ["--checkpoint", "reference.h5"], in: scratch.url)
        try #require(reference.exitCode == 0, "reference run failed: \(reference.standardError)")

        // A checkpoint after every step keeps the process inside commits most
        // of the time, so random kill moments land in writes, renames and
        // trace-segment commits as well as in steps.
        var generator = SystemRandomNumberGenerator()
        let started = try SimrunProcess(["run"] + Self.job + ["--checkpoint", "job.h5", "--checkpoint-every", "1"], in: scratch.url)
        try JobChain.waitForText("checkpoint at step", in: started)
        usleep(UInt32.random(in: 20_000...200_000, using: &generator))
        started.send(SIGKILL)
        _ = try started.wait()

        var kills = 1
        while kills < 5 {
            let resumed = try SimrunProcess(["--resume", "job.h5", "--checkpoint-every", "1"], in: scratch.url)
            usleep(UInt32.random(in: 150_000...400_000, using: &generator))
            resumed.send(SIGKILL)
            let result = try resumed.wait()
            if result.exitCode == 0 { break }
            #expect(result.exitCode == 128 + SIGKILL || result.exitCode == 75, "unexpected exit \(result.exitCode): \(result.standardError)")
            kills += 1
        }

        _ = try JobChain.resumeUntilComplete(checkpoint: "job.h5", in: scratch.url)
        for object in ["/posterior", "/sample_stats"] {
            let diff = try JobChain.h5diff(scratch.path("reference.trace.h5"), scratch.path("job.trace.h5"), object: object)
            #expect(diff.status == 0, "trace \(object) differs after \(kills) kills: \(diff.output)")
        }
    }

    @Test func corruptNewestGenerationFallsBack() throws {
        let scratch = try ScratchDirectory("corrupt")
        defer { scratch.remove() }
        let arguments = ["run", "--model", "eight-schools", "--warmup", "50", "--draws", "100", "--seed", "5",
                         "--checkpoint", "job.h5", "--segment-steps", "40"]
        let first = try SimrunProcess.run(arguments, in: scratch.url)
        try #require(first.exitCode == 75, "stderr: \(first.standardError)")
        let second = try SimrunProcess.run(["--resume", "job.h5", "--segment-steps", "40"], in: scratch.url)
        try #require(second.exitCode == 75, "stderr: \(second.standardError)")

        // Truncate the newest generation to half its size.
        let newest = scratch.path("job.h5")
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: newest))
        let size = try handle.seekToEnd()
        try handle.truncate(atOffset: size / 2)
        try handle.close()

        let third = try SimrunProcess.run(["--resume", "job.h5", "--segment-steps", "1000"], in: scratch.url)

        #expect(third.exitCode == 0, "stderr: \(third.standardError)")
        #expect(third.standardError.contains("job.h5"))
        #expect(third.standardError.contains("falling back"))
        #expect(third.standardError.contains("step 40"))
    }

    @Test func garbageCheckpointIsBadInput() throws {
        let scratch = try ScratchDirectory("garbage")
        defer { scratch.remove() }
        let bytes = Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 37) })
        try bytes.write(to: scratch.url.appendingPathComponent("job.h5"))

        let result = try SimrunProcess.run(["--resume", "job.h5"], in: scratch.url)

        #expect(result.exitCode == 65, "stderr: \(result.standardError)")
        #expect(result.standardError.contains("job.h5"))
        let after = try Data(contentsOf: scratch.url.appendingPathComponent("job.h5"))
        #expect(after == bytes, "the damaged file must stay as it was")
    }

    @Test func freshRunRefusesExistingCheckpoint() throws {
        let scratch = try ScratchDirectory("exists")
        defer { scratch.remove() }
        let arguments = ["run", "--warmup", "20", "--draws", "20", "--seed", "1", "--checkpoint", "job.h5"]
        let first = try SimrunProcess.run(arguments, in: scratch.url)
        try #require(first.exitCode == 0, "stderr: \(first.standardError)")
        let before = try Data(contentsOf: scratch.url.appendingPathComponent("job.h5"))

        let second = try SimrunProcess.run(arguments, in: scratch.url)

        #expect(second.exitCode == 64, "stderr: \(second.standardError)")
        #expect(second.standardError.contains("--resume"))
        let after = try Data(contentsOf: scratch.url.appendingPathComponent("job.h5"))
        #expect(after == before)
    }

    @Test func resumeWithConflictingModelIsRejected() throws {
        let scratch = try ScratchDirectory("conflict")
        defer { scratch.remove() }
        let first = try SimrunProcess.run(["run", "--warmup", "20", "--draws", "40", "--seed", "1", "--checkpoint", "job.h5",
                                           "--segment-steps", "10"], in: scratch.url)
        try #require(first.exitCode == 75, "stderr: \(first.standardError)")
        let before = try Data(contentsOf: scratch.url.appendingPathComponent("job.h5"))

        let result = try SimrunProcess.run(["--resume", "job.h5", "--model", "logistic-regression"], in: scratch.url)

        #expect(result.exitCode == 64, "stderr: \(result.standardError)")
        #expect(result.standardError.contains("'logistic-regression'"))
        #expect(result.standardError.contains("eight-schools"))
        let after = try Data(contentsOf: scratch.url.appendingPathComponent("job.h5"))
        #expect(after == before)
    }
}
