import Foundation
import Testing

/// Messages and exit codes of `simrun report` for inputs that are not a
/// plain set of draws: duplicate rows, a job in warm-up, an unwritable
/// output file, an invalid option.
@Suite("simrun report messages")
struct ReportMessagesTests {
    @Test("duplicate CSV draw is named")
    func duplicateCSVDrawIsNamed() throws {
        let directory = try TemporaryDirectory("duplicate")
        defer { directory.remove() }
        let csv = ReportCommandTests.mixedCSV() + "2,17,0.5\n"
        try csv.write(toFile: directory.path("draws.csv"), atomically: true, encoding: .utf8)
        let result = try Command.runSimrun(["report", directory.path("draws.csv")], in: directory)
        #expect(result.exitCode == 65)
        #expect(result.standardError.contains("duplicate draw 17 of chain 2 (lines 99 and 162); each (chain, draw) pair must appear once"),
                "\(result.standardError)")
    }

    @Test("job in warm-up has no draws yet", .timeLimit(.minutes(2)))
    func jobInWarmupHasNoDrawsYet() throws {
        let directory = try TemporaryDirectory("warmup")
        defer { directory.remove() }
        let run = try Command.runSimrun(["run", "--model", "eight-schools", "--seed", "3", "--warmup", "200", "--draws", "100",
                                         "--segment-steps", "50", "--checkpoint", directory.path("job.h5")], in: directory)
        try #require(run.exitCode == 75, "\(run.standardError)")

        let table = try Command.runSimrun(["report", directory.path("job.h5")], in: directory)
        #expect(table.exitCode == 4)
        #expect(table.standardError.isEmpty, "\(table.standardError)")
        #expect(table.standardOutput == "\(directory.path("job.h5")): no draws yet. The job is at step 50 of 300 and its checkpoint holds no trace rows; an MCMC job in warm-up writes none. Report again after it has sampled.\n")

        let json = try Command.runSimrun(["report", "--json", directory.path("job.h5")], in: directory)
        #expect(json.exitCode == 4)
        let object = try Command.jsonObject(json.standardOutput)
        #expect(object["draws"] as? Int == 0)
        #expect(object["converged"] as? Bool == false)
    }

    @Test("unwritable HTML path names the reason")
    func unwritableHTMLPathNamesReason() throws {
        let directory = try TemporaryDirectory("unwritable")
        defer { directory.remove() }
        try ReportCommandTests.mixedCSV().write(toFile: directory.path("draws.csv"), atomically: true, encoding: .utf8)
        let target = directory.path("absent/report.html")
        let result = try Command.runSimrun(["report", "--html", target, directory.path("draws.csv")], in: directory)
        #expect(result.exitCode == 1)
        #expect(result.standardError.contains("cannot write the HTML report to \(target): No such file or directory; check that the directory exists and is writable"),
                "\(result.standardError)")
        #expect(!result.standardError.contains("NSCocoaErrorDomain"))
    }

    @Test("usage errors point to command help", arguments: [
        (command: "report", arguments: ["report", "--no-such-option", "x.csv"]),
        (command: "status", arguments: ["status", "a.h5", "b.h5"]),
        (command: "md-datafile", arguments: ["md-datafile", "--seed", "1"]),
    ])
    func usageErrorsPointToCommandHelp(_ entry: (command: String, arguments: [String])) throws {
        let directory = try TemporaryDirectory("usage")
        defer { directory.remove() }
        let result = try Command.runSimrun(entry.arguments, in: directory)
        #expect(result.exitCode == 64, "\(entry.command): \(result.standardError)")
        #expect(result.standardError.contains("see 'simrun help \(entry.command)' for the options"), "\(result.standardError)")

        let help = try Command.runSimrun(["help", entry.command], in: directory)
        #expect(help.exitCode == 0)
        #expect(help.standardOutput.hasPrefix("Usage: simrun \(entry.command)"), "\(help.standardOutput.prefix(80))")
    }

    @Test("InferenceData labels follow coordinates and file order", .timeLimit(.minutes(2)))
    func inferenceDataLabelsFollowCoordinates() throws {
        let directory = try TemporaryDirectory("coords")
        defer { directory.remove() }
        let writer = try Command.runPython("write_coords_netcdf.py", [directory.path("coords.nc")], in: directory)
        try #require(writer.exitCode == 0, "write_coords_netcdf.py failed: \(writer.standardError)")
        let arvizNames = writer.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ",").map(String.init)
        #expect(arvizNames == ["zeta", "theta[Choate]", "theta[Deerfield]", "theta[Hotchkiss]", "alpha"])

        let report = try Command.runSimrun(["report", "--json", directory.path("coords.nc")], in: directory)
        #expect(report.exitCode == 0 || report.exitCode == 2, "\(report.standardError)")
        let parameters = try #require(try Command.jsonObject(report.standardOutput)["parameters"] as? [[String: Any]])
        #expect(parameters.compactMap { $0["name"] as? String } == arvizNames)
    }
}
