import Foundation
import Testing

/// Runs on 1, 2, 3 and 4 ranks, and runs resumed on another rank count,
/// give the same bytes as one process: the same trace and the same final state.
@Suite(.serialized) struct RankCountIdentityTests {
    /// 250 steps of 4 NUTS chains: small enough for a fraction of a second per run.
    static let job = ["--kernel", "mcmc", "--model", "eight-schools", "--chains", "4",
                      "--warmup", "100", "--draws", "150", "--seed", "20261204"]

    /// Runs `job` as one process without `mpirun` into `reference.h5`.
    static func runReference(_ job: [String], in scratch: Scratch) throws {
        let result = try MPIJob.run(ranks: nil, ["run"] + job + ["--checkpoint", "reference.h5"], in: scratch.url)
        try #require(result.exitCode == 0, "reference run failed: \(result.output)")
    }

    /// Expects the trace and the final state of `name` to equal the reference.
    static func expectIdentical(_ scratch: Scratch, job name: String) throws {
        for object in ["/posterior", "/sample_stats"] {
            let diff = try h5diff(scratch.path("reference.trace.h5"), scratch.path("\(name).trace.h5"), object: object)
            #expect(diff.status == 0, "trace \(object) of \(name) differs: \(diff.output)")
        }
        let state = try h5diff(scratch.path("reference.h5"), scratch.path("\(name).h5"), object: "/state")
        #expect(state.status == 0, "final state of \(name) differs: \(state.output)")
    }

    @Test(arguments: [1, 2, 4])
    func straightRunMatchesOneProcess(ranks: Int) throws {
        let scratch = try Scratch("ranks-\(ranks)")
        defer { scratch.remove() }
        try Self.runReference(Self.job, in: scratch)

        let result = try MPIJob.run(ranks: ranks, ["run"] + Self.job + ["--checkpoint", "job.h5", "--checkpoint-every", "60"],
                                    in: scratch.url)

        #expect(result.exitCode == 0, "output: \(result.output)")
        #expect(result.output.contains("on \(ranks) MPI ranks") == (ranks > 1))
        try Self.expectIdentical(scratch, job: "job")
    }

    @Test func rankWithEmptyShareJoins() throws {
        // 2 chains on 3 ranks: rank 2 runs no chain but joins every collective call.
        let job = Self.job.map { $0 == "4" ? "2" : $0 }
        let scratch = try Scratch("empty-share")
        defer { scratch.remove() }
        try Self.runReference(job, in: scratch)

        let result = try MPIJob.run(ranks: 3, ["run"] + job + ["--checkpoint", "job.h5", "--segment-steps", "120"], in: scratch.url)
        #expect(result.exitCode == 75, "output: \(result.output)")
        // The segment limit is stored with the job, so each resume runs 120 steps.
        let segments = try MPIJob.resumeUntilComplete(ranks: 3, checkpoint: "job.h5", in: scratch.url)

        #expect(segments == 2)
        try Self.expectIdentical(scratch, job: "job")
    }

    struct Restart: CustomTestStringConvertible, Sendable {
        var segments: [Int]
        var testDescription: String { segments.map(String.init).joined(separator: " → ") + " ranks" }
    }

    @Test(arguments: [Restart(segments: [2, 4, 4]), Restart(segments: [4, 1, 2])])
    func resumeOnAnotherRankCount(_ restart: Restart) throws {
        let scratch = try Scratch("restart")
        defer { scratch.remove() }
        try Self.runReference(Self.job, in: scratch)

        // 250 steps in segments of 90: warm-up and sampling both split.
        var exitCodes: [Int32] = []
        for (index, ranks) in restart.segments.enumerated() {
            let command = index == 0 ? ["run"] + Self.job + ["--checkpoint", "job.h5"] : ["--resume", "job.h5"]
            let result = try MPIJob.run(ranks: ranks == 1 ? nil : ranks, command + ["--segment-steps", "90"], in: scratch.url)
            exitCodes.append(result.exitCode)
            if result.exitCode != 75 && result.exitCode != 0 {
                Issue.record("segment \(index + 1) on \(ranks) ranks exited \(result.exitCode): \(result.output)")
                return
            }
        }

        #expect(exitCodes == [75, 75, 0])
        try Self.expectIdentical(scratch, job: "job")
    }
}
