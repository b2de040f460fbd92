import Foundation
@testable import PerpetualCLI
import Testing

/// What a program built with `PerpetualCommandLine` shows its user: its own
/// name in hints, help and `--version`, only the commands of its kernels,
/// the size of each checkpoint file, and a `verify` that also compares the
/// traces. Drives the built `gray-scott` example and the `broken-restart`
/// fixture.
@Suite(.serialized) struct CustomExecutableTests {
    static let grayScott = SimrunProcess.sibling("gray-scott")
    static let fixture = SimrunProcess.sibling("broken-restart")
    static let job = ["--seed", "11", "--size", "48", "--iterations", "300", "--sample-every", "10"]

    @Test func versionNamesExecutable() throws {
        let scratch = try ScratchDirectory("custom-version")
        defer { scratch.remove() }

        let custom = try SimrunProcess.run(["--version"], in: scratch.url, executable: Self.grayScott)
        let builtIn = try SimrunProcess.run(["--version"], in: scratch.url)

        #expect(custom.exitCode == 0)
        #expect(custom.standardOutput == "gray-scott \(PerpetualVersion.string)\n")
        #expect(builtIn.standardOutput == "simrun \(PerpetualVersion.string)\n")
    }

    @Test func resumeHintNamesExecutable() throws {
        let scratch = try ScratchDirectory("custom-resume-hint")
        defer { scratch.remove() }

        let result = try SimrunProcess.run(["run"] + Self.job + ["--checkpoint", "job.h5", "--segment-steps", "50"],
                                           in: scratch.url, executable: Self.grayScott)

        #expect(result.exitCode == 75, "stderr: \(result.standardError)")
        #expect(result.standardError.contains("continue with 'gray-scott --resume job.h5'"), "stderr: \(result.standardError)")
        #expect(!result.standardError.contains("simrun"), "stderr: \(result.standardError)")
    }

    @Test func usageErrorsNameExecutable() throws {
        let scratch = try ScratchDirectory("custom-usage")
        defer { scratch.remove() }

        let unknownOption = try SimrunProcess.run(["run", "--sizes", "4"], in: scratch.url, executable: Self.grayScott)
        let conflict = try SimrunProcess.run(["run"] + Self.job + ["--checkpoint", "job.h5", "--segment-steps", "50"],
                                             in: scratch.url, executable: Self.grayScott)
        try #require(conflict.exitCode == 75, "stderr: \(conflict.standardError)")
        let resumed = try SimrunProcess.run(["--resume", "job.h5", "--seed", "12"], in: scratch.url, executable: Self.grayScott)

        #expect(unknownOption.exitCode == 64)
        #expect(unknownOption.standardError.contains("unknown option '--sizes' for 'gray-scott run'"), "stderr: \(unknownOption.standardError)")
        #expect(unknownOption.standardError.contains("see 'gray-scott run --help' for the options"), "stderr: \(unknownOption.standardError)")
        #expect(resumed.exitCode == 64)
        #expect(resumed.standardError.contains("start a new job with 'gray-scott run'"), "stderr: \(resumed.standardError)")
    }

    @Test func helpShowsOwnCommands() throws {
        let scratch = try ScratchDirectory("custom-help")
        defer { scratch.remove() }

        let custom = try SimrunProcess.run(["help"], in: scratch.url, executable: Self.grayScott)
        let builtIn = try SimrunProcess.run(["help"], in: scratch.url)
        let mdCommand = try SimrunProcess.run(["md-datafile", "--seed", "1", "--output", "lj.data"], in: scratch.url,
                                              executable: Self.grayScott)

        #expect(custom.standardOutput.hasPrefix("gray-scott: run iterative scientific jobs"), "stdout: \(custom.standardOutput)")
        #expect(custom.standardOutput.contains("  gray-scott run [OPTIONS]"), "stdout: \(custom.standardOutput)")
        #expect(!custom.standardOutput.contains("md-datafile"), "stdout: \(custom.standardOutput)")
        #expect(!custom.standardOutput.contains("simrun"), "stdout: \(custom.standardOutput)")
        #expect(builtIn.standardOutput.contains("  simrun md-datafile --seed S --output PATH [MD OPTIONS]"), "stdout: \(builtIn.standardOutput)")
        #expect(mdCommand.exitCode == 64)
        #expect(mdCommand.standardError.contains("unknown command 'md-datafile'"), "stderr: \(mdCommand.standardError)")
    }

    @Test func runHelpShowsOwnConfigExample() throws {
        let scratch = try ScratchDirectory("custom-run-help")
        defer { scratch.remove() }

        let custom = try SimrunProcess.run(["run", "--help"], in: scratch.url, executable: Self.grayScott)
        let builtIn = try SimrunProcess.run(["run", "--help"], in: scratch.url)

        // Help wraps at 80 columns, so compare with runs of white space joined.
        let customText = custom.standardOutput.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        let builtInText = builtIn.standardOutput.split(whereSeparator: \.isWhitespace).joined(separator: " ")

        #expect(custom.standardOutput.hasPrefix("Usage: gray-scott run [OPTIONS]"), "stdout: \(custom.standardOutput)")
        #expect(customText.contains("for example {\"size\": 128, \"iterations\": 5000}."), "stdout: \(custom.standardOutput)")
        #expect(!customText.contains("eight-schools"), "stdout: \(custom.standardOutput)")
        #expect(builtInText.contains("for example {\"model\": \"eight-schools\", \"sampler\": \"nuts\"}."), "stdout: \(builtIn.standardOutput)")
    }

    @Test func checkpointLogShowsFileSize() throws {
        let scratch = try ScratchDirectory("custom-checkpoint-size")
        defer { scratch.remove() }

        let result = try SimrunProcess.run(["run"] + Self.job + ["--checkpoint", "job.h5"], in: scratch.url, executable: Self.grayScott)
        try #require(result.exitCode == 0, "stderr: \(result.standardError)")
        let line = result.standardError.split(separator: "\n").first { $0.contains("final checkpoint at step 300") }
        let fileBytes = try #require(try FileManager.default.attributesOfItem(atPath: scratch.path("job.h5"))[.size] as? Int)

        // 300 steps sampled every 10 give 30 trace rows, written as a segment
        // with the final checkpoint and logged apart from the file's size.
        let logged = try #require(line.map(String.init), "stderr: \(result.standardError)")
        #expect(logged.contains("job.h5, \(formatBytes(fileBytes)) (and a trace segment of "), "log line: \(logged)")
    }

    @Test func reportRejectsOtherKernelsTrace() throws {
        let scratch = try ScratchDirectory("custom-report")
        defer { scratch.remove() }
        let run = try SimrunProcess.run(["run"] + Self.job + ["--checkpoint", "job.h5"], in: scratch.url, executable: Self.grayScott)
        try #require(run.exitCode == 0, "stderr: \(run.standardError)")

        let result = try SimrunProcess.run(["report", "job.trace.h5"], in: scratch.url, executable: Self.grayScott)

        #expect(result.exitCode == 65)
        #expect(result.standardError.contains("the trace's kernel has no report yet"), "stderr: \(result.standardError)")
        #expect(result.standardError.contains("this trace has group 'fields'"), "stderr: \(result.standardError)")
    }

    @Test func verifyComparesTraces() throws {
        let scratch = try ScratchDirectory("verify-undeclared-sum")
        defer { scratch.remove() }

        let result = try SimrunProcess.run(["verify", "--steps", "5", "--kernel", "undeclared-sum", "--directory", scratch.path("verify")],
                                           in: scratch.url, executable: Self.fixture)

        // The declared state matches, but the running sum restarts from zero
        // after step 5. Each step adds 4 * (1 + step), so row 5 (step 6)
        // contains 4 * 7 = 28 instead of the sum over steps 1 to 6, 108.
        #expect(result.exitCode == 1, "stderr: \(result.standardError)")
        #expect(result.standardOutput.hasPrefix("FAIL: after 10 steps, the job restarted at step 5 differs from the uninterrupted job in trace variable 'fields/running_sum' at row 5: 28.0 versus 108.0 (restarted versus uninterrupted)"),
                "stdout: \(result.standardOutput)")
    }

    @Test func verifyCountsDeclaredEntries() throws {
        let scratch = try ScratchDirectory("verify-entry-count")
        defer { scratch.remove() }

        let result = try SimrunProcess.run(["verify", "--steps", "120"] + Self.job, in: scratch.url, executable: Self.grayScott)

        // Gray-Scott declares step, u and v, and schema_version is reserved.
        #expect(result.exitCode == 0, "stderr: \(result.standardError)")
        #expect(result.standardOutput.hasPrefix("PASS: after 240 steps, the job restarted at step 120 is bit-identical to the uninterrupted job: state 3 entries and schema_version 1, 36864 bytes of arrays; trace 24 rows of 2 values"),
                "stdout: \(result.standardOutput)")
    }
}
