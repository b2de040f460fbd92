import Foundation
import Testing

/// A checkpoint written by 4 ranks is one HDF5 file with the global arrays,
/// which h5py reads and whose checksums it recomputes.
@Suite struct GlobalFileTests {
    static var script: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Interop/check_global_arrays.py").path
    }

    @Test func fourRankCheckpointOpensInH5py() throws {
        let scratch = try Scratch("h5py")
        defer { scratch.remove() }
        let job = ["--kernel", "mcmc", "--model", "eight-schools", "--chains", "6", "--warmup", "30", "--draws", "20", "--seed", "9"]
        let result = try MPIJob.run(ranks: 4, ["run"] + job + ["--checkpoint", "job.h5"], in: scratch.url)
        try #require(result.exitCode == 0, "output: \(result.output)")

        // 6 chains, 10 unconstrained coordinates in eight-schools.
        let check = try runTool(["python3", Self.script, scratch.path("job.h5"), "6", "10"])

        #expect(check.status == 0, "h5py check failed: \(check.output)")
    }
}
