import Foundation
import Testing

/// Bad command lines: each exits with the documented code, names the bad
/// value in its message and leaves no checkpoint behind.
@Suite struct UsageErrorTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var label: String
        var arguments: [String]
        var exitCode: Int32
        var messageFragments: [String]
        var testDescription: String { label }
    }

    static let cases: [Case] = [
        Case(label: "unknown option", arguments: ["run", "--seed", "1", "--drawz", "10"], exitCode: 64,
             messageFragments: ["--drawz", "did you mean '--draws'"]),
        Case(label: "malformed integer", arguments: ["run", "--seed", "1", "--chains", "four"], exitCode: 64,
             messageFragments: ["'four'", "--chains"]),
        Case(label: "integer out of range", arguments: ["run", "--seed", "1", "--chains", "0"], exitCode: 64,
             messageFragments: ["--chains", "out of range"]),
        Case(label: "missing seed", arguments: ["run", "--draws", "10"], exitCode: 64,
             messageFragments: ["--seed"]),
        Case(label: "unknown model", arguments: ["run", "--seed", "1", "--model", "nine-schools"], exitCode: 64,
             messageFragments: ["'nine-schools'", "eight-schools"]),
        Case(label: "unknown kernel", arguments: ["run", "--seed", "1", "--kernel", "fluid"], exitCode: 64,
             messageFragments: ["'fluid'", "mcmc"]),
        Case(label: "garbage walltime", arguments: ["run", "--seed", "1", "--walltime", "soon"], exitCode: 64,
             messageFragments: ["'soon'", "--walltime"]),
        Case(label: "bad stop threshold", arguments: ["run", "--seed", "1", "--stop-threshold", "1.5"], exitCode: 64,
             messageFragments: ["'1.5'", "--stop-threshold"]),
        Case(label: "option without value", arguments: ["run", "--seed"], exitCode: 64,
             messageFragments: ["--seed", "needs a value"]),
        Case(label: "repeated option", arguments: ["run", "--seed", "1", "--seed", "2"], exitCode: 64,
             messageFragments: ["--seed", "more than once"]),
        Case(label: "unknown command", arguments: ["rnu"], exitCode: 64,
             messageFragments: ["'rnu'", "did you mean 'run'"]),
        Case(label: "missing checkpoint directory", arguments: ["run", "--seed", "1", "--checkpoint", "no/such/dir/ckpt.h5"],
             exitCode: 64, messageFragments: ["no/such/dir"]),
        Case(label: "resume of missing file", arguments: ["--resume", "absent.h5"], exitCode: 65,
             messageFragments: ["absent.h5"]),
    ]

    @Test(arguments: cases)
    func rejected(_ testCase: Case) throws {
        let scratch = try ScratchDirectory("usage")
        defer { scratch.remove() }

        let result = try SimrunProcess.run(testCase.arguments, in: scratch.url)

        #expect(result.exitCode == testCase.exitCode, "stderr: \(result.standardError)")
        for fragment in testCase.messageFragments {
            #expect(result.standardError.contains(fragment), "stderr lacks \(fragment): \(result.standardError)")
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: scratch.url.path).filter { $0.hasSuffix(".h5") }
        #expect(leftovers.isEmpty, "files written: \(leftovers)")
    }

    @Test func helpListsEveryOption() throws {
        let scratch = try ScratchDirectory("help")
        defer { scratch.remove() }

        let result = try SimrunProcess.run(["run", "--help"], in: scratch.url)

        #expect(result.exitCode == 0)
        for option in ["--walltime", "--checkpoint", "--checkpoint-every", "--keep", "--model", "--draws", "--seed", "--chains"] {
            #expect(result.standardOutput.contains(option), "help lacks \(option)")
        }
    }

    @Test func configurationFileWithUnknownKey() throws {
        let scratch = try ScratchDirectory("config")
        defer { scratch.remove() }
        try #"{"seed": 3, "drwas": 10}"#.write(toFile: scratch.path("job.json"), atomically: true, encoding: .utf8)

        let result = try SimrunProcess.run(["run", "--config", "job.json"], in: scratch.url)

        #expect(result.exitCode == 64)
        #expect(result.standardError.contains("'drwas'"))
        #expect(result.standardError.contains("did you mean 'draws'"))
    }
}
