import Foundation
import Testing

/// `simrun report --json` against ArviZ on generated chain sets: every
/// statistic within 1e-9 relative.
@Suite("ArviZ agreement")
struct ArviZAgreementTests {
    /// Chain sets `arviz_reference.py` generates (see the script for each).
    static let cases = ["ar1", "iid", "shifted", "heavy", "odd", "ties", "single", "short"]

    /// Our JSON field and the reference field it must match. R-hat is
    /// compared with `arviz.rhat`; see ``summaryRHatMatchesForEvenLengths``.
    static let statistics = [
        "mean", "sd", "median", "q5", "q95",
        "mcse_mean", "mcse_sd", "mcse_median", "mcse_q5", "mcse_q95",
        "r_hat", "ess_bulk", "ess_tail",
    ]
    static let tolerance = 1e-9

    @Test("CSV chain sets match ArviZ", .timeLimit(.minutes(5)))
    func csvChainSetsMatchArviZ() throws {
        let directory = try TemporaryDirectory("arviz")
        defer { directory.remove() }
        let generated = try Command.runPython("arviz_reference.py", [directory.url.path], in: directory)
        try #require(generated.exitCode == 0, "arviz_reference.py failed: \(generated.standardError)")
        let reference = try Command.jsonObject(String(contentsOfFile: directory.path("reference.json"), encoding: .utf8))

        for name in Self.cases {
            let result = try Command.runSimrun(["report", "--json", directory.path("\(name).csv")], in: directory)
            #expect(result.exitCode == 0 || result.exitCode == 2, "case \(name): \(result.standardError)")
            let report = try Command.jsonObject(result.standardOutput)
            let expected = try #require(reference[name] as? [String: [String: Any]])
            let parameters = try #require(report["parameters"] as? [[String: Any]])
            #expect(parameters.count == expected.count, "case \(name)")
            for parameter in parameters {
                let parameterName = try #require(parameter["name"] as? String)
                let arviz = try #require(expected[parameterName], "case \(name): no reference for \(parameterName)")
                for statistic in Self.statistics {
                    compare(parameter[statistic], arviz[statistic], label: "\(name) \(parameterName) \(statistic)")
                }
            }
        }
    }

    /// ArviZ's `summary` folds about the median of the unsplit draws, and its
    /// `rhat` about the median of the split draws. They differ only when the
    /// middle draw is dropped, so for even lengths both must match ours.
    @Test("summary R-hat matches for even lengths", .timeLimit(.minutes(5)))
    func summaryRHatMatchesForEvenLengths() throws {
        let directory = try TemporaryDirectory("arviz-summary")
        defer { directory.remove() }
        let generated = try Command.runPython("arviz_reference.py", [directory.url.path], in: directory)
        try #require(generated.exitCode == 0, "arviz_reference.py failed: \(generated.standardError)")
        let reference = try Command.jsonObject(String(contentsOfFile: directory.path("reference.json"), encoding: .utf8))

        for name in ["ar1", "shifted", "heavy", "ties"] {
            let result = try Command.runSimrun(["report", "--json", directory.path("\(name).csv")], in: directory)
            let parameters = try #require(try Command.jsonObject(result.standardOutput)["parameters"] as? [[String: Any]])
            let expected = try #require(reference[name] as? [String: [String: Any]])
            for parameter in parameters {
                let parameterName = try #require(parameter["name"] as? String)
                for statistic in ["r_hat", "ess_bulk", "ess_tail", "mcse_mean", "mcse_sd", "mcse_median"] {
                    compare(parameter[statistic], expected[parameterName]?["summary_\(statistic)"], label: "\(name) \(parameterName) summary \(statistic)")
                }
            }
        }
    }

    @Test("InferenceData netCDF input matches ArviZ", .timeLimit(.minutes(5)))
    func inferenceDataInputMatchesArviZ() throws {
        let directory = try TemporaryDirectory("netcdf-input")
        defer { directory.remove() }
        let generated = try Command.runPython("arviz_reference.py", [directory.url.path, "--netcdf"], in: directory)
        try #require(generated.exitCode == 0, "arviz_reference.py failed: \(generated.standardError)")
        let reference = try Command.jsonObject(String(contentsOfFile: directory.path("reference.json"), encoding: .utf8))

        for engine in ["netcdf4", "h5netcdf"] {
            let result = try Command.runSimrun(["report", "--json", directory.path("ar1.\(engine).nc")], in: directory)
            #expect(result.exitCode == 2, "engine \(engine): \(result.standardError)")
            let parameters = try #require(try Command.jsonObject(result.standardOutput)["parameters"] as? [[String: Any]])
            let expected = try #require(reference["ar1"] as? [String: [String: Any]])
            #expect(parameters.map { $0["name"] as? String } == ["a", "b"], "engine \(engine)")
            for parameter in parameters {
                let parameterName = try #require(parameter["name"] as? String)
                for statistic in Self.statistics {
                    compare(parameter[statistic], expected[parameterName]?[statistic], label: "\(engine) \(parameterName) \(statistic)")
                }
            }
        }
    }

    private func compare(_ ours: Any?, _ theirs: Any?, label: String) {
        let ourValue = ours as? Double
        let theirValue = theirs as? Double
        guard let ourValue, let theirValue else {
            #expect(ourValue == nil, "\(label): ours \(String(describing: ourValue)), ArviZ undefined")
            #expect(theirValue == nil, "\(label): ours undefined, ArviZ \(String(describing: theirValue))")
            return
        }
        #expect(relativeDifference(ourValue, theirValue) <= Self.tolerance, "\(label): ours \(ourValue), ArviZ \(theirValue)")
    }
}
