import Foundation
import Testing

/// A trace written by `simrun run` opens with ArviZ and xarray, and
/// `simrun report` on it gives ArviZ's numbers.
@Suite("Perpetual trace as netCDF")
struct PerpetualTraceTests {
    @Test("ArviZ reads the trace with the same numbers", .timeLimit(.minutes(5)))
    func arviZReadsTraceWithSameNumbers() throws {
        let directory = try TemporaryDirectory("trace")
        defer { directory.remove() }
        let run = try Command.runSimrun(["run", "--model", "eight-schools", "--draws", "400", "--seed", "3",
                                         "--checkpoint", directory.path("job.h5")], in: directory)
        try #require(run.exitCode == 0, "simrun run failed: \(run.standardError)")

        let arviz = try Command.runPython("arviz_trace_summary.py", [directory.path("job.trace.h5"), directory.path("arviz.json")], in: directory)
        try #require(arviz.exitCode == 0, "arviz_trace_summary.py failed: \(arviz.standardError)")
        let expected = try Command.jsonObject(String(contentsOfFile: directory.path("arviz.json"), encoding: .utf8))
        #expect(expected["groups"] as? [String] == ["posterior", "sample_stats"])
        let dimensions = try #require(expected["dimensions"] as? [String: [String]])
        #expect(dimensions["theta"] == ["chain", "draw", "school"])
        #expect(dimensions["mu"] == ["chain", "draw"])

        // The checkpoint path leads the report to the consolidated trace.
        let report = try Command.runSimrun(["report", "--json", directory.path("job.h5")], in: directory)
        #expect(report.exitCode == 0 || report.exitCode == 2, "\(report.standardError)")
        let parameters = try #require(try Command.jsonObject(report.standardOutput)["parameters"] as? [[String: Any]])
        let reference = try #require(expected["parameters"] as? [String: [String: Any]])
        #expect(Set(parameters.compactMap { $0["name"] as? String }) == Set(reference.keys))
        for parameter in parameters {
            let name = try #require(parameter["name"] as? String)
            for statistic in ["mean", "sd", "median", "mcse_mean", "mcse_sd", "mcse_median", "ess_bulk", "ess_tail", "r_hat"] {
                let ours = try #require(parameter[statistic] as? Double, "\(name) \(statistic) missing")
                let theirs = try #require(reference[name]?[statistic] as? Double, "\(name) \(statistic) missing in ArviZ")
                #expect(relativeDifference(ours, theirs) <= 1e-9, "\(name) \(statistic): ours \(ours), ArviZ \(theirs)")
            }
        }
    }

    @Test("unfinished job reports committed draws", .timeLimit(.minutes(5)))
    func unfinishedJobReportsCommittedDraws() throws {
        let directory = try TemporaryDirectory("unfinished")
        defer { directory.remove() }
        // 200 warm-up steps keep no draws, so 450 steps commit 250 draws.
        let run = try Command.runSimrun(["run", "--model", "eight-schools", "--draws", "400", "--warmup", "200", "--seed", "3",
                                         "--segment-steps", "450", "--checkpoint", directory.path("job.h5")], in: directory)
        try #require(run.exitCode == 75, "simrun run: \(run.standardError)")

        let report = try Command.runSimrun(["report", "--json", directory.path("job.h5")], in: directory)
        #expect(report.exitCode == 0 || report.exitCode == 2, "\(report.standardError)")
        let object = try Command.jsonObject(report.standardOutput)
        #expect(object["draws"] as? Int == 250)
        #expect(object["chains"] as? Int == 4)
        #expect((object["notes"] as? [String])?.first == "the job is at step 450 of 600; this report covers the 250 trace rows committed so far")
        let names = (object["parameters"] as? [[String: Any]])?.compactMap { $0["name"] as? String }
        #expect(names?.first == "mu")
        #expect(names?.contains("theta[7]") == true)
    }
}
