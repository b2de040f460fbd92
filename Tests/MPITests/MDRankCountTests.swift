import Foundation
import Testing

/// The `md` kernel on several ranks, straight and resumed on another rank
/// count, gives the bytes of one process: the same thermo trace and the
/// same final state.
@Suite(.serialized) struct MDRankCountTests {
    /// 256 atoms (4³ fcc cells), 120 steps, thermo every 10 steps, Langevin
    /// forces so that the random streams by atom id are covered too.
    static let job = ["--kernel", "md", "--cells", "4", "--steps", "120", "--seed", "31", "--thermo-every", "10",
                      "--thermostat", "langevin", "--damping", "0.5"]

    static func expectIdentical(_ scratch: Scratch, job name: String) throws {
        let trace = try h5diff(scratch.path("reference.trace.h5"), scratch.path("\(name).trace.h5"), object: "/thermo")
        #expect(trace.status == 0, "thermo trace of \(name) differs: \(trace.output)")
        let state = try h5diff(scratch.path("reference.h5"), scratch.path("\(name).h5"), object: "/state")
        #expect(state.status == 0, "final state of \(name) differs: \(state.output)")
    }

    @Test(arguments: [2, 3])
    func straightRunMatchesOneProcess(ranks: Int) throws {
        let scratch = try Scratch("md-ranks-\(ranks)")
        defer { scratch.remove() }
        let reference = try MPIJob.run(ranks: nil, ["run"] + Self.job + ["--checkpoint", "reference.h5"], in: scratch.url)
        try #require(reference.exitCode == 0, "reference run failed: \(reference.output)")

        let result = try MPIJob.run(ranks: ranks, ["run"] + Self.job + ["--checkpoint", "job.h5"], in: scratch.url)

        #expect(result.exitCode == 0, "output: \(result.output)")
        #expect(result.output.contains("on \(ranks) MPI ranks"), "output: \(result.output)")
        try Self.expectIdentical(scratch, job: "job")
    }

    @Test func resumeOnOneAndFourRanks() throws {
        let scratch = try Scratch("md-restart")
        defer { scratch.remove() }
        let reference = try MPIJob.run(ranks: nil, ["run"] + Self.job + ["--checkpoint", "reference.h5"], in: scratch.url)
        try #require(reference.exitCode == 0, "reference run failed: \(reference.output)")

        // Segments of 45 steps on 2, then 1, then 4 ranks.
        var exitCodes: [Int32] = []
        for (index, ranks) in [2, 1, 4].enumerated() {
            let command = index == 0 ? ["run"] + Self.job + ["--checkpoint", "job.h5"] : ["--resume", "job.h5"]
            let result = try MPIJob.run(ranks: ranks == 1 ? nil : ranks, command + ["--segment-steps", "45"], in: scratch.url)
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
