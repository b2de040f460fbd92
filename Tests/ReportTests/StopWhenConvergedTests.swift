import Foundation
import PerpetualCheckpoint
import Testing

/// `simrun run --stop-when-converged` ends an MCMC job as complete at the
/// first scheduled check where every parameter meets the criteria, at the
/// same draw whether the job ran in one segment, resumed, or ran on two ranks.
@Suite("Stop when converged")
struct StopWhenConvergedTests {
    static let job = ["run", "--kernel", "mcmc", "--model", "eight-schools", "--seed", "3", "--warmup", "500",
                      "--draws", "100000", "--stop-when-converged", "--check-every", "100"]

    /// Returns the completion line of a run's log.
    static func convergenceLine(_ log: String) -> String? {
        log.split(separator: "\n").first { $0.contains("stopping early: converged at draw") }.map(String.init)
    }

    @Test("fresh run ends complete with fewer draws", .timeLimit(.minutes(2)))
    func freshRunEndsComplete() throws {
        let directory = try TemporaryDirectory("converge-fresh")
        defer { directory.remove() }
        let checkpoint = directory.path("job.h5")
        let run = try Command.runSimrun(Self.job + ["--checkpoint", checkpoint], in: directory)
        #expect(run.exitCode == 0, "\(run.standardError)")
        let line = try #require(Self.convergenceLine(run.standardError), "no convergence line in: \(run.standardError)")
        #expect(line.contains("R-hat < 1.010"))
        #expect(line.contains("bulk ESS ≥ 400"))
        #expect(line.contains("tail ESS ≥ 400"))

        let trace = try TraceFile.read(path: directory.path("job.trace.h5"))
        #expect(trace.rowCount >= 100)
        #expect(trace.rowCount < 100_000)
        #expect(line.contains("converged at draw \(trace.rowCount) of each chain (step \(500 + trace.rowCount))"))
        #expect(trace.values(of: "mu", group: "posterior").count == 4 * trace.rowCount)

        let status = try Command.runSimrun(["status", checkpoint], in: directory)
        #expect(status.standardOutput.contains("complete=true"), "\(status.standardOutput)")
        #expect(status.standardOutput.contains("total_steps=\(500 + trace.rowCount)"), "\(status.standardOutput)")

        let report = try Command.runSimrun(["report", checkpoint], in: directory)
        #expect(report.exitCode == 0, "\(report.standardOutput)")

        // A resume of the finished job does nothing and stays complete.
        let again = try Command.runSimrun(["--resume", checkpoint], in: directory)
        #expect(again.exitCode == 0, "\(again.standardError)")
        #expect(try TraceFile.read(path: directory.path("job.trace.h5")).rowCount == trace.rowCount)
    }

    @Test("resumed run stops at the same draw", .timeLimit(.minutes(2)))
    func resumedRunStopsAtSameDraw() throws {
        let directory = try TemporaryDirectory("converge-resume")
        defer { directory.remove() }
        let whole = try Command.runSimrun(Self.job + ["--checkpoint", directory.path("whole.h5")], in: directory)
        try #require(whole.exitCode == 0, "\(whole.standardError)")

        // 650 steps are 150 draws: past the first check at 100 draws.
        let first = try Command.runSimrun(Self.job + ["--segment-steps", "650", "--checkpoint", directory.path("parts.h5")], in: directory)
        #expect(first.exitCode == 75, "\(first.standardError)")
        let second = try Command.runSimrun(["--resume", directory.path("parts.h5"), "--segment-steps", "none"], in: directory)
        #expect(second.exitCode == 0, "\(second.standardError)")

        let expected = try TraceFile.read(path: directory.path("whole.trace.h5"))
        let resumed = try TraceFile.read(path: directory.path("parts.trace.h5"))
        #expect(resumed.rowCount == expected.rowCount)
        #expect(resumed.values(of: "tau", group: "posterior") == expected.values(of: "tau", group: "posterior"))
        let resumedLine = try #require(Self.convergenceLine(second.standardError), "no convergence line in: \(second.standardError)")
        #expect(resumedLine.contains("converged at draw \(expected.rowCount) of each chain (step \(500 + expected.rowCount))"))
    }

    @Test("two MPI ranks stop at the same draw", .timeLimit(.minutes(2)))
    func twoRanksStopAtSameDraw() throws {
        let directory = try TemporaryDirectory("converge-mpi")
        defer { directory.remove() }
        let single = try Command.runSimrun(Self.job + ["--checkpoint", directory.path("one.h5")], in: directory)
        try #require(single.exitCode == 0, "\(single.standardError)")

        let launcher = ["mpirun", "--allow-run-as-root", "--oversubscribe", "-np", "2", Command.simrun]
        let parallel = try Command.run("/usr/bin/env", launcher + Self.job + ["--checkpoint", directory.path("two.h5")], in: directory)
        #expect(parallel.exitCode == 0, "\(parallel.standardError)")

        let expected = try TraceFile.read(path: directory.path("one.trace.h5"))
        let gathered = try TraceFile.read(path: directory.path("two.trace.h5"))
        #expect(gathered.rowCount == expected.rowCount)
        #expect(gathered.values(of: "mu", group: "posterior") == expected.values(of: "mu", group: "posterior"))
        let line = try #require(Self.convergenceLine(parallel.standardError), "no convergence line in: \(parallel.standardError)")
        #expect(line.contains("converged at draw \(expected.rowCount) of each chain"))
    }
}
