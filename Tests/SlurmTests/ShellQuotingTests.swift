import Foundation
import Testing
@testable import PerpetualSlurm

struct QuotingCase: CustomTestStringConvertible, Sendable {
    var name: String
    var value: String
    var testDescription: String { name }
}

let quotingCases: [QuotingCase] = [
    QuotingCase(name: "plain path", value: "/scratch/run-1/job.h5"),
    QuotingCase(name: "empty", value: ""),
    QuotingCase(name: "spaces", value: "my run/job 1.h5"),
    QuotingCase(name: "single quotes", value: "it's 'quoted'"),
    QuotingCase(name: "double quotes", value: "say \"hi\""),
    QuotingCase(name: "dollar", value: "$HOME ${PATH} $(id)"),
    QuotingCase(name: "backticks", value: "`date` and `id`"),
    QuotingCase(name: "backslashes", value: #"C:\path\n\\x"#),
    QuotingCase(name: "glob and operators", value: "*.h5 ? [a] ; & | > < # ~"),
    QuotingCase(name: "leading dash", value: "--checkpoint"),
    QuotingCase(name: "newline and tab", value: "a\nb\tc"),
    QuotingCase(name: "non-ASCII", value: "données/été.h5"),
    QuotingCase(name: "all together", value: "a b'c\"d$e`f\\g"),
]

/// Prints `word` through bash as the single argument of `printf '%s'`.
func bashExpansion(of word: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/bash")
    process.arguments = ["-c", "set -- \(word); printf '%s|%s' \"$#\" \"$1\""]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
}

@Suite struct ShellQuotingTests {
    @Test("bash reads the quoted word back", arguments: quotingCases)
    func bashRoundTrip(_ example: QuotingCase) throws {
        let word = ShellQuoting.bashWord(example.value)
        #expect(try bashExpansion(of: word) == "1|\(example.value)")
    }

    @Test func plainValuesStayUnquoted() {
        #expect(ShellQuoting.bashWord("/scratch/run-1/job.h5") == "/scratch/run-1/job.h5")
        #expect(ShellQuoting.bashWord("--seed=7") == "--seed=7")
    }

    @Test func singleQuoteIsEscaped() {
        #expect(ShellQuoting.bashWord("it's") == #"'it'\''s'"#)
    }

    @Test func sbatchValueEscapesQuoteAndBackslash() throws {
        #expect(try ShellQuoting.sbatchValue("job-1", option: "job-name") == "job-1")
        #expect(try ShellQuoting.sbatchValue("my job", option: "job-name") == "\"my job\"")
        #expect(try ShellQuoting.sbatchValue(#"a"b\c"#, option: "job-name") == #""a\"b\\c""#)
        #expect(try ShellQuoting.sbatchValue("it's $x `y`", option: "chdir") == "\"it's $x `y`\"")
    }

    @Test func sbatchValueRejectsLineBreak() {
        let error = #expect(throws: SlurmError.self) {
            try ShellQuoting.sbatchValue("a\nb", option: "job-name")
        }
        #expect(error?.code == .invalidSetting)
        #expect(error?.message.contains("--job-name") == true)
    }
}
