import Foundation
import Testing

/// Checkpoints with absurd dimensions and negative or overflowing sizes,
/// written with h5py: `status`, `--resume` and `report` reject each with
/// exit 65 and a message naming the file, within a 4 GiB address space.
@Suite struct HostileCheckpointTests {
    struct Case: CustomTestStringConvertible, Sendable {
        /// Case name of `Interop/damage_checkpoint.py`.
        var name: String
        /// Text the message of `status` must contain besides the path.
        var fragment: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "huge-dimension", fragment: "state/"),
        Case(name: "overflowing-dimensions", fragment: "state/"),
        Case(name: "dimensions-beyond-int64", fragment: "state/"),
        Case(name: "negative-step", fragment: "-5"),
        Case(name: "huge-total-steps", fragment: "9223372036854775807"),
        Case(name: "huge-format-version", fragment: "9223372036854775807"),
        Case(name: "negative-format-version", fragment: "-1"),
        Case(name: "negative-committed-rows", fragment: "-7"),
        Case(name: "huge-committed-rows", fragment: "4611686018427387904"),
        Case(name: "negative-segments", fragment: "-3"),
        Case(name: "nan-seconds", fragment: "compute_seconds"),
        Case(name: "huge-schema-shape", fragment: "1099511627776"),
        Case(name: "negative-schema-shape", fragment: "-4"),
        Case(name: "huge-string-width", fragment: "configuration"),
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

        #expect(status.exitCode == 65, "status: \(HostileInput.excerpt(status.standardError, limit: 800))")
        #expect(status.standardError.contains("job.h5"), "status does not name the file: \(HostileInput.excerpt(status.standardError))")
        #expect(status.standardError.contains(testCase.fragment), "status lacks '\(testCase.fragment)': \(HostileInput.excerpt(status.standardError, limit: 800))")
        #expect(resume.exitCode == 65, "resume: \(HostileInput.excerpt(resume.standardError, limit: 800))")
        #expect(resume.standardError.contains("job.h5"), "resume does not name the file")
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
}
