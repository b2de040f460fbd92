import Foundation
import Testing

/// Checkpoint paths and job names with shell metacharacters, through
/// `simrun jobscript`: the script parses with `bash -n`, its assignments
/// give back exactly the values given, and running it executes none of them.
@Suite struct ShellMetacharacterTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var label: String
        var value: String
        var testDescription: String { label }
    }

    /// Each value tries to create the file `pwned` in the working directory
    /// when a shell expands it.
    static let cases: [Case] = [
        Case(label: "command substitution", value: "$(touch pwned)"),
        Case(label: "backticks", value: "`touch pwned`"),
        Case(label: "semicolon", value: "x; touch pwned"),
        Case(label: "single quote", value: "x'; touch pwned; '"),
        Case(label: "double quote", value: "x\"; touch pwned; \""),
        Case(label: "spaces", value: "my job  with spaces"),
        Case(label: "ampersand and pipe", value: "x & touch pwned | cat"),
        Case(label: "variable and glob", value: "$HOME/*?[a]"),
        Case(label: "backslash escapes", value: #"x\"; touch pwned; \"\\"#),
    ]

    /// Values that also contain a line break: valid in a path and a bash
    /// word, but not in an `#SBATCH` line.
    static let newline = Case(label: "newline", value: "x\ntouch pwned")

    /// Extracts the settings block of a generated script: the assignments
    /// from `simrun=` to `continuation=`.
    static func settingsBlock(of script: String) throws -> String {
        guard let start = script.range(of: "\n# the simrun binary\n"),
              let end = script.range(of: "\ncontinuation=", range: start.upperBound..<script.endIndex),
              let lineEnd = script.range(of: "\n", range: end.upperBound..<script.endIndex) else {
            throw TestSetupError("the generated script has no settings block")
        }
        return String(script[start.upperBound..<lineEnd.lowerBound])
    }

    /// Runs the settings block in bash and returns the checkpoint path and
    /// the run arguments as bash expands them.
    static func expandedSettings(_ block: String, in scratch: ScratchDirectory) throws -> [String] {
        let program = block + "\nprintf '%s\\0' \"$checkpoint\" \"${run_arguments[@]}\""
        let result = try HostileInput.runProcess("/bin/bash", ["-c", program], in: scratch.url)
        guard result.exitCode == 0 else {
            throw TestSetupError("bash could not run the settings block: \(result.standardError)")
        }
        return result.standardOutput.split(separator: "\0", omittingEmptySubsequences: false).dropLast().map(String.init)
    }

    @Test(arguments: cases + [newline])
    func checkpointPathIsQuoted(_ testCase: Case) throws {
        let scratch = try ScratchDirectory("metachar-checkpoint")
        defer { scratch.remove() }
        let checkpoint = testCase.value + ".h5"
        let runArguments = ["--seed", "1", "--checkpoint", checkpoint]

        let result = try HostileInput.run(["jobscript", "--time", "10", "--output", "job.sh", "--job-name", "plain", "--"] + runArguments,
                                          in: scratch.url)
        try #require(result.exitCode == 0, "jobscript: \(result.standardError)")
        let script = try String(contentsOfFile: scratch.path("job.sh"), encoding: .utf8)
        let syntax = try HostileInput.runProcess("/bin/bash", ["-n", scratch.path("job.sh")], in: scratch.url)
        let expanded = try Self.expandedSettings(try Self.settingsBlock(of: script), in: scratch)
        // Without SLURM_JOB_ID the script exits 64 right after its settings.
        let direct = try HostileInput.runProcess("/bin/bash", [scratch.path("job.sh")], in: scratch.url,
                                                 environment: ["SLURM_JOB_ID": ""])

        #expect(syntax.exitCode == 0, "bash -n: \(syntax.standardError)")
        #expect(expanded == [checkpoint] + runArguments)
        #expect(direct.exitCode == 64, "direct run: \(direct.standardError)")
        #expect(!FileManager.default.fileExists(atPath: scratch.path("pwned")), "a value was executed")
    }

    @Test(arguments: cases)
    func jobNameIsQuoted(_ testCase: Case) throws {
        let scratch = try ScratchDirectory("metachar-job-name")
        defer { scratch.remove() }

        let result = try HostileInput.run(["jobscript", "--time", "10", "--output", "job.sh", "--job-name", testCase.value,
                                           "--", "--seed", "1", "--checkpoint", "job.h5"], in: scratch.url)
        try #require(result.exitCode == 0, "jobscript: \(result.standardError)")
        let script = try String(contentsOfFile: scratch.path("job.sh"), encoding: .utf8)
        let syntax = try HostileInput.runProcess("/bin/bash", ["-n", scratch.path("job.sh")], in: scratch.url)
        let direct = try HostileInput.runProcess("/bin/bash", [scratch.path("job.sh")], in: scratch.url,
                                                 environment: ["SLURM_JOB_ID": ""])
        let directive = script.split(separator: "\n").first { $0.hasPrefix("#SBATCH --job-name=") }

        #expect(syntax.exitCode == 0, "bash -n: \(syntax.standardError)")
        #expect(direct.exitCode == 64, "direct run: \(direct.standardError)")
        #expect(directive != nil, "no job-name directive")
        #expect(directive?.contains("\n") == false)
        #expect(!FileManager.default.fileExists(atPath: scratch.path("pwned")), "a value was executed")
    }

    @Test func jobNameWithNewlineIsRejected() throws {
        let scratch = try ScratchDirectory("metachar-newline")
        defer { scratch.remove() }

        let result = try HostileInput.run(["jobscript", "--time", "10", "--output", "job.sh", "--job-name", Self.newline.value,
                                           "--", "--seed", "1", "--checkpoint", "job.h5"], in: scratch.url)

        #expect(result.exitCode == 64, "stderr: \(result.standardError)")
        #expect(result.standardError.contains("--job-name"))
        #expect(!FileManager.default.fileExists(atPath: scratch.path("job.sh")))
    }

    /// simrun itself never hands a path to a shell: a job with such a
    /// checkpoint path runs and writes the file under its literal name.
    @Test func runKeepsLiteralCheckpointPath() throws {
        let scratch = try ScratchDirectory("metachar-run")
        defer { scratch.remove() }
        let checkpoint = "$(touch pwned); `touch pwned` 'x\".h5"

        let result = try HostileInput.run(["run", "--seed", "1", "--warmup", "2", "--draws", "2", "--chains", "1",
                                           "--checkpoint", checkpoint], in: scratch.url)

        #expect(result.exitCode == 0, "stderr: \(result.standardError)")
        #expect(FileManager.default.fileExists(atPath: scratch.path(checkpoint)))
        #expect(!FileManager.default.fileExists(atPath: scratch.path("pwned")), "a value was executed")
    }
}
