import Foundation
import Testing
@testable import PerpetualCLI

/// Every valued option of `run`, `report`, `jobscript` and `md-datafile`
/// with each hostile value: the binary rejects it with exit 64 and a
/// message naming the option, or accepts it and finishes a small job. It
/// never crashes.
@Suite struct HostileFlagTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var command: String
        var option: String
        var value: HostileInput.Value
        var testDescription: String { "\(command) --\(option) \(value.label)" }
    }

    /// Command lines of a small job per command, to which the option under
    /// test is added or in which it replaces the value given here.
    static let baseArguments: [String: [(String, String)]] = [
        "run mcmc": [("seed", "1"), ("warmup", "2"), ("draws", "2"), ("chains", "1"), ("checkpoint", "job.h5")],
        "run md": [("kernel", "md"), ("seed", "1"), ("cells", "4"), ("steps", "2"), ("checkpoint", "job.h5")],
        "run train": [("kernel", "train"), ("seed", "1"), ("epochs", "1"), ("widths", "8"), ("checkpoint", "job.h5")],
        "report": [],
        "jobscript": [("time", "10"), ("output", "job.sh")],
        "md-datafile": [("seed", "1"), ("cells", "4"), ("output", "lj.data")],
    ]

    /// Options that take a path or free text; other suites cover them.
    static let pathOptions: Set<String> = ["checkpoint", "config", "initial-state", "output", "html"]

    /// Exit codes other than 64, by case description. Values that an
    /// option accepts run the small job: 0, or 2 for a report whose
    /// thresholds no chain can meet. An MD run whose time step or
    /// temperature makes atoms leave the box stops with exit 1 (a failed
    /// kernel step) and names `--dt`.
    static let expectedExit: [String: Int32] = {
        var codes: [String: Int32] = [
            // Any positive finite number of seconds is valid, however large.
            "run mcmc --progress-interval overflowing": 0,
            "run mcmc --coordination-interval overflowing": 0,
            "run md --damping overflowing": 0,
            "run train --learning-rate overflowing": 0,
            "md-datafile --damping overflowing": 0,
            "md-datafile --temperature overflowing": 0,
            "md-datafile --dt overflowing": 0,
            "run md --temperature overflowing": 1,
            "run md --dt overflowing": 1,
            // Thresholds of --stop-when-converged: any large value is valid,
            // and the flag is off in these runs.
            "run mcmc --rhat-threshold overflowing": 0,
            "run mcmc --ess-threshold overflowing": 0,
            "report --rhat-threshold overflowing": 2,
            "report --ess-threshold overflowing": 2,
            "report --timestep overflowing": 2,
        ]
        // Free-text sbatch values are quoted into the script; only an empty
        // one is rejected.
        for option in ["mem", "partition", "account", "job-name", "log"] {
            for value in HostileInput.values where !value.text.isEmpty {
                codes["jobscript --\(option) \(value.label)"] = 0
            }
        }
        return codes
    }()

    /// Text the message of a failing accepted-value case must contain.
    static let expectedMessage: [String: String] = [
        "run md --temperature overflowing": "--dt",
        "run md --dt overflowing": "--dt",
    ]

    static var cases: [Case] {
        var cases: [Case] = []
        func add(_ command: String, _ options: [OptionSpec]) {
            for option in options where !option.isFlag && !pathOptions.contains(option.name) {
                for value in HostileInput.values {
                    cases.append(Case(command: command, option: option.name, value: value))
                }
            }
        }
        var seen: Set<String> = []
        for entry in KernelCatalog.entries {
            let options = OptionResolution.runOptions(for: entry).filter { seen.insert($0.name).inserted }
            add("run \(entry.name)", options)
        }
        add("report", ReportOptions.all)
        add("jobscript", JobscriptCommand.options)
        add("md-datafile", MDEntry.options)
        return cases
    }

    /// Builds the command line: the command, the base options with the one
    /// under test replaced, and the trailing parts a command needs.
    static func arguments(for testCase: Case) -> [String] {
        let command = testCase.command.split(separator: " ").first.map(String.init)!
        var arguments = [command]
        for (name, value) in baseArguments[testCase.command]! where name != testCase.option {
            arguments += ["--\(name)", value]
        }
        arguments += ["--\(testCase.option)", testCase.value.text]
        switch command {
        case "report": arguments.append("draws.csv")
        case "jobscript": arguments += ["--", "--seed", "1", "--checkpoint", "job.h5"]
        default: break
        }
        return arguments
    }

    /// Draws of two chains of one parameter, for `report`.
    static let drawsCSV = "chain,draw,mu\n" + (0..<2).flatMap { chain in
        (0..<20).map { draw in "\(chain),\(draw),\(Double((draw * 7 + chain * 3) % 11) / 10)" }
    }.joined(separator: "\n") + "\n"

    @Test(arguments: cases)
    func hostileValue(_ testCase: Case) throws {
        let scratch = try ScratchDirectory("hostile-flag")
        defer { scratch.remove() }
        try Self.drawsCSV.write(toFile: scratch.path("draws.csv"), atomically: true, encoding: .utf8)

        let result = try HostileInput.run(Self.arguments(for: testCase), in: scratch.url)
        let stderr = HostileInput.excerpt(result.standardError)

        #expect(result.exitCode < 128, "crashed: \(stderr)")
        if let code = Self.expectedExit[testCase.testDescription] {
            #expect(result.exitCode == code, "stderr: \(stderr)")
            if let message = Self.expectedMessage[testCase.testDescription] {
                #expect(result.standardError.contains(message), "stderr lacks \(message): \(stderr)")
            }
        } else {
            #expect(result.exitCode == 64, "stderr: \(stderr)")
            #expect(result.standardError.contains("--\(testCase.option)"), "message does not name the option: \(stderr)")
            if !testCase.value.text.isEmpty {
                #expect(result.standardError.contains(testCase.value.text), "message does not quote the value: \(stderr)")
            }
        }
    }

    /// Arguments that `status` takes as its checkpoint path.
    static let statusArguments: [(label: String, arguments: [String], exitCode: Int32)] = [
        ("no path", [], 64),
        ("empty path", [""], 64),
        ("two paths", ["a.h5", "b.h5"], 64),
        ("unicode path", ["données-été-😀.h5"], 65),
        ("very long path", [String(repeating: "p", count: 5_000) + ".h5"], 65),
        ("directory", ["."], 65),
        ("unknown option", ["--step", "3"], 64),
    ]

    @Test func statusRejectsHostilePaths() throws {
        let scratch = try ScratchDirectory("hostile-status")
        defer { scratch.remove() }

        for (label, arguments, exitCode) in Self.statusArguments {
            let result = try HostileInput.run(["status"] + arguments, in: scratch.url)

            #expect(result.exitCode == exitCode, "\(label): \(HostileInput.excerpt(result.standardError))")
            #expect(!result.standardError.isEmpty, "\(label): no message")
        }
    }
}
