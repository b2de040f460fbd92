import Foundation
import Testing

/// The Gray-Scott example executable (`examples/gray-scott`), a custom kernel
/// on the public API: it resumes bit-identically, `verify` passes on it, and
/// a checkpoint whose schema hash does not match its state is rejected.
@Suite(.serialized) struct GrayScottExampleTests {
    static let executable = SimrunProcess.sibling("gray-scott")
    static let job = ["--seed", "11", "--size", "48", "--iterations", "300", "--sample-every", "10"]

    static func run(_ arguments: [String], in scratch: ScratchDirectory) throws -> SimrunProcess.Result {
        try SimrunProcess.run(arguments, in: scratch.url, executable: executable)
    }

    @Test func interruptedRunMatchesStraight() throws {
        let scratch = try ScratchDirectory("gray-scott-resume")
        defer { scratch.remove() }
        let reference = try Self.run(["run"] + Self.job + ["--checkpoint", "reference.h5"], in: scratch)
        try #require(reference.exitCode == 0, "reference run failed: \(reference.standardError)")

        // 300 steps in segments of at most 110: two resumes in new processes.
        let first = try Self.run(["run"] + Self.job + ["--checkpoint", "job.h5", "--segment-steps", "110"], in: scratch)
        #expect(first.exitCode == 75, "stderr: \(first.standardError)")
        var codes: [Int32] = []
        for _ in 0..<2 {
            codes.append(try Self.run(["--resume", "job.h5", "--segment-steps", "110"], in: scratch).exitCode)
        }

        #expect(codes == [75, 0])
        let state = try JobChain.h5diff(scratch.path("reference.h5"), scratch.path("job.h5"), object: "/state")
        #expect(state.status == 0, "final state differs: \(state.output)")
        let trace = try JobChain.h5diff(scratch.path("reference.trace.h5"), scratch.path("job.trace.h5"), object: "/fields")
        #expect(trace.status == 0, "trace differs: \(trace.output)")
    }

    @Test func walltimeInterruptionsMatchStraight() throws {
        let scratch = try ScratchDirectory("gray-scott-walltime")
        defer { scratch.remove() }
        let job = ["--seed", "3", "--size", "128", "--iterations", "20000", "--sample-every", "500"]
        let reference = try Self.run(["run"] + job + ["--checkpoint", "reference.h5"], in: scratch)
        try #require(reference.exitCode == 0, "reference run failed: \(reference.standardError)")

        // Each segment gets 1 s; the whole job needs several seconds of one core.
        let first = try Self.run(["run"] + job + ["--checkpoint", "job.h5", "--walltime", "1s"], in: scratch)
        #expect(first.exitCode == 75, "stderr: \(first.standardError)")
        var last: Int32 = 75
        for _ in 0..<100 where last == 75 {
            last = try Self.run(["--resume", "job.h5"], in: scratch).exitCode
        }

        #expect(last == 0)
        let state = try JobChain.h5diff(scratch.path("reference.h5"), scratch.path("job.h5"), object: "/state")
        #expect(state.status == 0, "final state differs: \(state.output)")
        let trace = try JobChain.h5diff(scratch.path("reference.trace.h5"), scratch.path("job.trace.h5"), object: "/fields")
        #expect(trace.status == 0, "trace differs: \(trace.output)")
    }

    @Test func verifyPasses() throws {
        let scratch = try ScratchDirectory("gray-scott-verify")
        defer { scratch.remove() }

        let result = try Self.run(["verify", "--steps", "120", "--directory", scratch.path("verify")] + Self.job, in: scratch)

        #expect(result.exitCode == 0, "stderr: \(result.standardError)")
        #expect(result.standardOutput.hasPrefix("PASS: after 240 steps"), "stdout: \(result.standardOutput)")
        #expect(!FileManager.default.fileExists(atPath: scratch.path("verify")))
    }

    @Test func verifyRejectsTooShortJob() throws {
        let scratch = try ScratchDirectory("gray-scott-verify-short")
        defer { scratch.remove() }

        let result = try Self.run(["verify", "--steps", "200"] + Self.job, in: scratch)

        #expect(result.exitCode == 64)
        #expect(result.standardError.contains("--steps 200 needs a job of at least 400 steps, but this job has 300"),
                "stderr: \(result.standardError)")
    }

    @Test func builtInVerifyPasses() throws {
        let scratch = try ScratchDirectory("simrun-verify")
        defer { scratch.remove() }

        let result = try SimrunProcess.run(["verify", "--steps", "40", "--model", "eight-schools", "--chains", "2",
                                            "--warmup", "30", "--draws", "60", "--seed", "5"], in: scratch.url)

        #expect(result.exitCode == 0, "stderr: \(result.standardError)")
        #expect(result.standardOutput.hasPrefix("PASS: after 80 steps"), "stdout: \(result.standardOutput)")
    }

    @Test func verifyNamesFirstDifference() throws {
        let scratch = try ScratchDirectory("verify-broken")
        defer { scratch.remove() }

        let result = try SimrunProcess.run(["verify", "--steps", "5", "--directory", scratch.path("verify")], in: scratch.url,
                                           executable: SimrunProcess.sibling("broken-restart"))

        #expect(result.exitCode == 1)
        #expect(result.standardOutput.hasPrefix("FAIL: after 10 steps, the job restarted at step 5 differs from the uninterrupted job in state entry 'values' at index 2: 120.0 versus 165.0"),
                "stdout: \(result.standardOutput)")
        #expect(FileManager.default.fileExists(atPath: scratch.path("verify/restarted.h5")))
    }

    @Test func schemaChangeFailsResume() throws {
        let scratch = try ScratchDirectory("schema-change")
        defer { scratch.remove() }
        let fixture = SimrunProcess.sibling("broken-restart")
        let first = try SimrunProcess.run(["run", "--kernel", "versioned", "--checkpoint", "job.h5", "--segment-steps", "5"],
                                          in: scratch.url, executable: fixture)
        try #require(first.exitCode == 75, "stderr: \(first.standardError)")

        let resumed = try SimrunProcess.run(["--resume", "job.h5"], in: scratch.url,
                                            environment: ["FIXTURE_SCHEMA_VERSION": "2"], executable: fixture)

        #expect(resumed.exitCode == 65)
        let stored = try Self.python("import h5py; print(h5py.File('job.h5', 'r').attrs['state_schema_hash'])", in: scratch)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(resumed.standardError.contains("the checkpoint's state schema \(stored) (version 1, 2 entries) does not match the schema"),
                "stderr: \(resumed.standardError)")
        #expect(resumed.standardError.contains("(version 2, 3 entries) of kernel 'versioned': version 1 in the checkpoint, 2 in the kernel; 'extra' is declared by the kernel but missing from the checkpoint (extra: float64, rank 1)"),
                "stderr: \(resumed.standardError)")
    }

    @Test func checkpointStoresSchemaHash() throws {
        let scratch = try ScratchDirectory("gray-scott-schema")
        defer { scratch.remove() }
        let first = try Self.run(["run"] + Self.job + ["--checkpoint", "job.h5", "--segment-steps", "50"], in: scratch)
        try #require(first.exitCode == 75, "stderr: \(first.standardError)")

        let stored = try Self.python("import h5py; print(h5py.File('job.h5', 'r').attrs['state_schema_hash'])", in: scratch)

        // The hash of the declared state: version 1, `step`, `u` and `v`.
        #expect(stored == "9e5ef56f58249d2a\n")
    }

    @Test func tamperedSchemaHashIsRejected() throws {
        let scratch = try ScratchDirectory("gray-scott-tampered")
        defer { scratch.remove() }
        let first = try Self.run(["run"] + Self.job + ["--checkpoint", "job.h5", "--segment-steps", "50"], in: scratch)
        try #require(first.exitCode == 75, "stderr: \(first.standardError)")
        _ = try Self.python("import h5py; h5py.File('job.h5', 'r+').attrs['state_schema_hash'] = '0000000000000000'", in: scratch)

        let resumed = try Self.run(["--resume", "job.h5"], in: scratch)

        #expect(resumed.exitCode == 65)
        #expect(resumed.standardError.contains("the stored state schema hash 0000000000000000 does not match the state entries read back (9e5ef56f58249d2a"),
                "stderr: \(resumed.standardError)")
    }

    /// Runs `python3 -c code` in the scratch directory and returns its output.
    static func python(_ code: String, in scratch: ScratchDirectory) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", code]
        process.currentDirectoryURL = scratch.url
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "python3 failed on: \(code)")
        return output
    }
}
