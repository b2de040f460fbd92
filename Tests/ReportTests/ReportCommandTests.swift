import Foundation
import Testing

/// `simrun report` as a user meets it: exit codes, messages, the edge-case
/// notes in the output.
@Suite("simrun report command")
struct ReportCommandTests {
    /// Four chains of 40 draws that mix well, with a deterministic pattern.
    static func mixedCSV(extraColumn: ((Int, Int) -> String)? = nil) -> String {
        var text = extraColumn == nil ? "chain,draw,x\n" : "chain,draw,x,y\n"
        for chain in 0..<4 {
            for draw in 0..<40 {
                let x = Double((draw * 7 + chain * 3) % 11) - 5
                text += "\(chain),\(draw),\(x)" + (extraColumn.map { ",\($0(chain, draw))" } ?? "") + "\n"
            }
        }
        return text
    }

    @Test("exit codes", arguments: [
        ("converged", ["--ess-threshold", "1"], 0),
        ("fails ESS threshold", [], 2),
        ("json and csv together", ["--json", "--csv"], 64),
        ("invalid threshold", ["--rhat-threshold", "0.9"], 64),
    ])
    func exitCodes(label: String, options: [String], expected: Int32) throws {
        let directory = try TemporaryDirectory("exit")
        defer { directory.remove() }
        try Self.mixedCSV().write(toFile: directory.path("draws.csv"), atomically: true, encoding: .utf8)
        let result = try Command.runSimrun(["report"] + options + [directory.path("draws.csv")], in: directory)
        #expect(result.exitCode == expected, "\(label): \(result.standardError)")
    }

    @Test("ragged chains fail unless truncated")
    func raggedChainsFailUnlessTruncated() throws {
        let directory = try TemporaryDirectory("ragged")
        defer { directory.remove() }
        let lines = Self.mixedCSV().split(separator: "\n").filter { !$0.hasPrefix("3,39,") }
        try (lines.joined(separator: "\n") + "\n").write(toFile: directory.path("draws.csv"), atomically: true, encoding: .utf8)

        let rejected = try Command.runSimrun(["report", directory.path("draws.csv")], in: directory)
        #expect(rejected.exitCode == 65)
        #expect(rejected.standardError.contains("the chains have different lengths (chain 0: 40 draws, chain 1: 40 draws, chain 2: 40 draws, chain 3: 39 draws); pass --truncate to use the first 39 draws of every chain"))

        let truncated = try Command.runSimrun(["report", "--json", "--truncate", directory.path("draws.csv")], in: directory)
        #expect(truncated.exitCode == 2)
        let report = try Command.jsonObject(truncated.standardOutput)
        #expect(report["draws"] as? Int == 39)
        #expect((report["notes"] as? [String])?.contains("chains had different lengths [40, 40, 40, 39]; every chain was cut to its first 39 draws (--truncate)") == true)
    }

    @Test("NaN draw is named in the output")
    func nanDrawIsNamed() throws {
        let directory = try TemporaryDirectory("nan")
        defer { directory.remove() }
        let csv = Self.mixedCSV { chain, draw in chain == 2 && draw == 13 ? "nan" : "\(Double(draw % 5))" }
        try csv.write(toFile: directory.path("draws.csv"), atomically: true, encoding: .utf8)
        let result = try Command.runSimrun(["report", "--ess-threshold", "1", directory.path("draws.csv")], in: directory)
        #expect(result.exitCode == 2)
        #expect(result.standardOutput.contains("chain 2, draw 13 is nan; no statistic is computed for 'y'"))
        #expect(result.standardOutput.contains("! y: R-hat undefined, bulk ESS undefined, tail ESS undefined"))
    }

    @Test("CSV output has one row per parameter")
    func csvOutputRows() throws {
        let directory = try TemporaryDirectory("csv")
        defer { directory.remove() }
        try Self.mixedCSV { _, draw in "\(Double(draw))" }.write(toFile: directory.path("draws.csv"), atomically: true, encoding: .utf8)
        let result = try Command.runSimrun(["report", "--csv", directory.path("draws.csv")], in: directory)
        let lines = result.standardOutput.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines.first?.hasPrefix("name,mean,sd,median,q5,q95,") == true)
        #expect(lines.dropFirst().first?.hasPrefix("x,") == true)
        #expect(lines.last?.hasPrefix("y,19.5,") == true)
    }

    @Test("missing file is bad input")
    func missingFileIsBadInput() throws {
        let directory = try TemporaryDirectory("missing")
        defer { directory.remove() }
        let result = try Command.runSimrun(["report", directory.path("absent.h5")], in: directory)
        #expect(result.exitCode == 65)
        #expect(result.standardError.contains("no file exists at this path"))
    }
}
