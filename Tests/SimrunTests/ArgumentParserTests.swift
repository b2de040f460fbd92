import Testing
@testable import PerpetualCLI

@Suite struct ArgumentParserTests {
    static let parser = ArgumentParser(command: "run", options: [
        OptionSpec("draws", value: "N", role: .physics, help: ""),
        OptionSpec("seed", value: "S", role: .physics, help: ""),
        OptionSpec("help", value: nil, role: .invocation, help: ""),
    ], maxPositionals: 1)

    @Test func separateAndInlineValues() throws {
        let parsed = try Self.parser.parse(["--draws", "10", "--seed=3", "input"])

        #expect(parsed.values["draws"] == "10")
        #expect(parsed.values["seed"] == "3")
        #expect(parsed.positionals == ["input"])
    }

    @Test func flagsAndPassthrough() throws {
        let parsed = try Self.parser.parse(["--help", "--", "--draws", "x"])

        #expect(parsed.values["help"] == "true")
        #expect(parsed.passthrough == ["--draws", "x"])
        #expect(parsed.values["draws"] == nil)
    }

    @Test func negativeNumberIsAValue() throws {
        let parsed = try Self.parser.parse(["--seed", "-5"])

        #expect(parsed.values["seed"] == "-5")
    }

    struct Failure: CustomTestStringConvertible, Sendable {
        var arguments: [String]
        var fragment: String
        var testDescription: String { arguments.joined(separator: " ") }
    }

    @Test(arguments: [
        Failure(arguments: ["--drows", "1"], fragment: "did you mean '--draws'"),
        Failure(arguments: ["--zzzzzz"], fragment: "unknown option '--zzzzzz'"),
        Failure(arguments: ["--draws"], fragment: "needs a value"),
        Failure(arguments: ["--draws", "--seed", "1"], fragment: "'--draws' needs a value"),
        Failure(arguments: ["--help=yes"], fragment: "takes no value"),
        Failure(arguments: ["--seed", "1", "--seed", "2"], fragment: "more than once"),
        Failure(arguments: ["a", "b"], fragment: "unexpected argument 'b'"),
        Failure(arguments: ["-d", "1"], fragment: "two dashes"),
    ])
    func rejects(_ failure: Failure) {
        #expect {
            try Self.parser.parse(failure.arguments)
        } throws: { error in
            (error as? UsageError)?.message.contains(failure.fragment) == true
        }
    }

    @Test func editDistanceCounts() {
        #expect(editDistance("draws", "draws") == 0)
        #expect(editDistance("drows", "draws") == 1)
        #expect(editDistance("", "abc") == 3)
        #expect(editDistance("kitten", "sitting") == 3)
    }

    @Test func resumeComparesValuesAsTyped() {
        #expect(OptionResolution.sameValue("4", " 4"))
        #expect(OptionResolution.sameValue("0.8", "0.80"))
        #expect(!OptionResolution.sameValue("18446744073709551615", "18446744073709551614"))
        #expect(!OptionResolution.sameValue("eight-schools", "logistic-regression"))
    }
}
