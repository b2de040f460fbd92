import Foundation
import Testing

/// Checkpoints with absurd dimensions and negative or overflowing sizes,
/// written with h5py: `status`, `--resume` and `report` reject each with
/// exit 65 and a message naming the file and the value, within a 4 GiB
/// address space. Values that only describe the job are shown as stored.
@Suite struct HostileCheckpointTests {
    struct Case: CustomTestStringConvertible, Sendable {
        /// Case name of `Interop/damage_checkpoint.py`.
        var name: String
        /// Text that the output of `status` (its error, or its report when
        /// it exits 0) must contain.
        var fragment: String
        var statusExit: Int32 = 65
        var resumeExit: Int32 = 65
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "huge-dimension", fragment: "has shape [1099511627776], which needs 8796093022208 bytes, but the file stores only 0 bytes"),
        Case(name: "overflowing-dimensions", fragment: "more elements than a 64-bit count can hold"),
        Case(name: "negative-step", fragment: "invalid step -5"),
        Case(name: "huge-format-version", fragment: "format version 9223372036854775807"),
        Case(name: "negative-format-version", fragment: "format version -1"),
        Case(name: "negative-committed-rows", fragment: "committed_trace_rows is negative (-7)"),
        Case(name: "negative-segments", fragment: "harness/segments is negative (-3)"),
        Case(name: "nan-seconds", fragment: "harness/compute_seconds is nan"),
        Case(name: "huge-schema-shape", fragment: "more values per row than a 64-bit count can hold"),
        Case(name: "negative-schema-shape", fragment: "has shape [-4]"),
        Case(name: "huge-string-width", fragment: "configuration"),
        // The stored total only describes the job: the kernel's settings
        // decide when it is complete, so resuming finishes normally.
        Case(name: "huge-total-steps", fragment: "total_steps=9223372036854775807", statusExit: 0, resumeExit: 0),
        // status and resume both look for the trace segments of the
        // committed rows, find none, and name the trace directory.
        Case(name: "huge-committed-rows", fragment: "but the checkpoint committed 4611686018427387904 rows"),
    ]

    /// Writes a small complete MCMC job and damages its checkpoint.
    static func damagedCheckpoint(_ name: String, in scratch: ScratchDirectory) throws {
        let job = try HostileInput.run(["run", "--seed", "1", "--warmup", "5", "--draws", "5", "--chains", "2",
                                        "--checkpoint", "job.h5"], in: scratch.url)
        try #require(job.exitCode == 0, "the job to damage failed: \(job.standardError)")
        let script = HostileInput.testDirectory.appendingPathComponent("Interop/damage_checkpoint.py").path
        let damage = try HostileInput.runProcess("/usr/bin/env", ["python3", script, scratch.path("job.h5"), name], in: scratch.url)
        try #require(damage.exitCode == 0, "damage_checkpoint.py \(name) failed: \(damage.standardError)")
    }

    @Test(arguments: cases)
    func rejected(_ testCase: Case) throws {
        let scratch = try ScratchDirectory("hostile-checkpoint")
        defer { scratch.remove() }
        try Self.damagedCheckpoint(testCase.name, in: scratch)

        let status = try HostileInput.run(["status", "job.h5"], in: scratch.url)
        let resume = try HostileInput.run(["--resume", "job.h5"], in: scratch.url)

        let statusOutput = status.standardOutput + status.standardError
        #expect(status.exitCode == testCase.statusExit, "status: \(HostileInput.excerpt(statusOutput, limit: 800))")
        // The checkpoint (job.h5) or its trace (job.trace.d).
        #expect(statusOutput.contains("job."), "status does not name the file: \(HostileInput.excerpt(statusOutput))")
        #expect(statusOutput.contains(testCase.fragment), "status lacks '\(testCase.fragment)': \(HostileInput.excerpt(statusOutput, limit: 800))")
        #expect(resume.exitCode == testCase.resumeExit, "resume: \(HostileInput.excerpt(resume.standardError, limit: 800))")
        if testCase.resumeExit != 0 {
            #expect(resume.standardError.contains("job."), "resume does not name the file: \(HostileInput.excerpt(resume.standardError))")
        }
    }

    /// The report reads the trace, not the checkpoint: a trace whose
    /// posterior dataset claims 2^40 draws is rejected the same way.
    @Test func traceWithHugeDimension() throws {
        let scratch = try ScratchDirectory("hostile-trace")
        defer { scratch.remove() }
        let job = try HostileInput.run(["run", "--seed", "1", "--warmup", "5", "--draws", "5", "--chains", "2",
                                        "--checkpoint", "job.h5"], in: scratch.url)
        try #require(job.exitCode == 0, "the job failed: \(job.standardError)")
        let python = """
        import sys, h5py
        with h5py.File(sys.argv[1], "r+") as f:
            old = f["posterior/mu"]
            attributes = {key: old.attrs[key] for key in old.attrs}
            del f["posterior/mu"]
            new = f.create_dataset("posterior/mu", shape=(2, 2**40), dtype="f8")
            for key, value in attributes.items():
                new.attrs[key] = value
        """
        let damage = try HostileInput.runProcess("/usr/bin/env", ["python3", "-c", python, scratch.path("job.trace.h5")], in: scratch.url)
        try #require(damage.exitCode == 0, "h5py failed: \(damage.standardError)")

        let report = try HostileInput.run(["report", "job.trace.h5"], in: scratch.url)

        #expect(report.exitCode == 65, "report: \(HostileInput.excerpt(report.standardError, limit: 800))")
        #expect(report.standardError.contains("job.trace.h5"))
        #expect(report.standardError.contains("posterior/mu"))
    }

    /// An initial state with an atom 10^300 box lengths away: the kernel
    /// would wrap it one box length at a time, so the file is rejected.
    @Test func initialStateFarOutsideBox() throws {
        let scratch = try ScratchDirectory("hostile-initial-state")
        defer { scratch.remove() }
        let python = """
        import sys, h5py, numpy as np
        n = 256
        rng = np.random.default_rng(1)
        with h5py.File(sys.argv[1], "w") as f:
            x = rng.uniform(0, 7, n)
            x[3] = 1e300
            f["particles/position/x"] = x
            f["particles/position/y"] = rng.uniform(0, 7, n)
            f["particles/position/z"] = rng.uniform(0, 7, n)
            for c in "xyz":
                f["particles/velocity/" + c] = np.zeros(n)
            f["box/lower"] = np.zeros(3)
            f["box/upper"] = np.full(3, 7.0)
        """
        let write = try HostileInput.runProcess("/usr/bin/env", ["python3", "-c", python, scratch.path("init.h5")], in: scratch.url)
        try #require(write.exitCode == 0, "h5py failed: \(write.standardError)")

        let result = try HostileInput.run(["run", "--kernel", "md", "--seed", "1", "--steps", "1", "--initial-state", "init.h5",
                                           "--checkpoint", "job.h5"], in: scratch.url, timeout: 60)

        #expect(result.exitCode == 65, "stderr: \(HostileInput.excerpt(result.standardError, limit: 800))")
        #expect(result.standardError.contains("init.h5"))
        #expect(result.standardError.contains("particles/x"))
        #expect(result.standardError.contains("1e+300"))
    }
}
