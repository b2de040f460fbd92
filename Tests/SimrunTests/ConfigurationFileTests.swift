import Foundation
import PerpetualCheckpoint
import Testing

/// A JSON configuration file replaces flags, flags override it, and
/// the trace ends up with exactly the requested draws.
@Suite struct ConfigurationFileTests {
    @Test func flagsOverrideFileValues() throws {
        let scratch = try ScratchDirectory("config-run")
        defer { scratch.remove() }
        let json = #"{"model": "eight-schools", "chains": 3, "warmup": 40, "draws": 50, "seed": 9, "keep": 3}"#
        try json.write(toFile: scratch.path("job.json"), atomically: true, encoding: .utf8)

        let result = try SimrunProcess.run(["run", "--config", "job.json", "--draws", "70", "--checkpoint", "job.h5"], in: scratch.url)

        #expect(result.exitCode == 0, "stderr: \(result.standardError)")
        let trace = try TraceFile.read(path: scratch.path("job.trace.h5"))
        #expect(trace.rowCount == 70)
        #expect(trace.shape(of: "mu", group: "posterior") == [3, 70])
        #expect(trace.shape(of: "theta", group: "posterior") == [3, 70, 8])
    }

    @Test func storedConfigurationIsAValidConfigFile() throws {
        let scratch = try ScratchDirectory("config-roundtrip")
        defer { scratch.remove() }
        let first = try SimrunProcess.run(["run", "--warmup", "30", "--draws", "30", "--seed", "4", "--chains", "2",
                                           "--checkpoint", "first.h5"], in: scratch.url)
        try #require(first.exitCode == 0, "stderr: \(first.standardError)")

        // Take the configuration stored in the checkpoint, as h5dump or h5py
        // users would, and start a second job from it.
        let point = try CheckpointReader.loadNewestValid(path: scratch.path("first.h5"))
        try point.checkpoint.configuration.write(toFile: scratch.path("stored.json"), atomically: true, encoding: .utf8)
        let second = try SimrunProcess.run(["run", "--config", "stored.json", "--checkpoint", "second.h5"], in: scratch.url)

        #expect(second.exitCode == 0, "stderr: \(second.standardError)")
        let diff = try JobChain.h5diff(scratch.path("first.trace.h5"), scratch.path("second.trace.h5"), object: "/posterior")
        #expect(diff.status == 0, "traces differ: \(diff.output)")
    }
}
