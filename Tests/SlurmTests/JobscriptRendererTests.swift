import Foundation
import Testing
import PerpetualCore
@testable import PerpetualSlurm

/// Settings with awkward characters in every path and argument.
func awkwardSettings(tasks: Int = 1, continuation: JobscriptSettings.Continuation = .submit,
                     signalLead: Int = 90, time: Walltime = .limited(seconds: 600)) -> JobscriptSettings {
    JobscriptSettings(
        timeLimit: time, nodes: 1, tasks: tasks, cpusPerTask: 2, memory: "4G", partition: "debug",
        account: "proj 'x'", jobName: "chain \"a\" $HOME", outputPattern: "logs/%x-%j.out",
        signal: .usr2, signalLeadSeconds: signalLead, maxSegments: 7, coreHourBudget: 1.5,
        continuation: continuation, simrunPath: "/opt/perpetual/bin/simrun",
        workingDirectory: "/scratch/it's $USER/`run`", scriptPath: "/scratch/it's $USER/`run`/job 1.sh",
        checkpointPath: "ck 'a' $b.h5",
        runArguments: ["--model", "eight-schools", "--checkpoint", "ck 'a' $b.h5", "--note", "x\ny"])
}

/// Runs `script` with bash and returns its standard output.
func runBash(_ script: String) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/bash")
    process.arguments = ["-c", script]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

@Suite struct JobscriptRendererTests {
    @Test func directivesCarryResourcesAndSignal() throws {
        let lines = try JobscriptRenderer.directives(awkwardSettings())
        #expect(lines == [
            "#SBATCH --job-name=\"chain \\\"a\\\" $HOME\"",
            "#SBATCH --time=10",
            "#SBATCH --signal=B:USR2@90",
            "#SBATCH --open-mode=append",
            "#SBATCH --chdir=\"/scratch/it's $USER/`run`\"",
            "#SBATCH --output=logs/%x-%j.out",
            "#SBATCH --dependency=singleton",
            "#SBATCH --nodes=1",
            "#SBATCH --ntasks=1",
            "#SBATCH --cpus-per-task=2",
            "#SBATCH --mem=4G",
            "#SBATCH --partition=debug",
            "#SBATCH --account=\"proj 'x'\"",
        ])
    }

    @Test func requeueAddsRequeueDirective() throws {
        let lines = try JobscriptRenderer.directives(awkwardSettings(continuation: .requeue))
        #expect(lines.last == "#SBATCH --requeue")
    }

    @Test func settingsReadBackThroughBash() throws {
        let settings = awkwardSettings()
        let block = try JobscriptRenderer.settingsBlock(settings)
        let printer = #"printf '%s\0' "$simrun" "$workdir" "$script" "$checkpoint" "$chain_dir" "${#run_arguments[@]}" "${run_arguments[@]}" "${launcher[*]}" "$stop_signal" "$max_segments" "$requested_cpus" "$time_limit_seconds" "$core_second_budget" "$continuation""#
        let result = try runBash(block + "\n" + printer)
        #expect(result.status == 0, "bash output: \(result.output)")

        let values = result.output.split(separator: "\0", omittingEmptySubsequences: false).map(String.init)
        let expected = [settings.simrunPath, settings.workingDirectory, settings.scriptPath, settings.checkpointPath,
                        settings.chainDirectory, String(settings.runArguments.count)] + settings.runArguments
            + ["srun", "USR2", "7", "2", "600", "5400", "submit", ""]
        #expect(values == expected)
    }

    @Test func severalTasksLaunchWithPMIx() throws {
        let block = try JobscriptRenderer.settingsBlock(awkwardSettings(tasks: 2))
        #expect(block.contains("\nlauncher=(srun --mpi=pmix)\n"))
    }

    @Test func renderedScriptIsValidBash() throws {
        let script = try JobscriptRenderer.render(awkwardSettings())
        #expect(script.hasPrefix("#!/bin/bash\n#SBATCH --job-name="))
        #expect(!script.contains("@@"))
        #expect(script.contains("set -euo pipefail"))

        let path = FileManager.default.temporaryDirectory.appendingPathComponent("perpetual-render-\(UUID().uuidString).sh").path
        try Data(script.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let check = try runBash("bash -n \(ShellQuoting.bashWord(path))")
        #expect(check.status == 0, "bash -n: \(check.output)")
    }

    @Test func leadMustBeShorterThanTimeLimit() {
        let error = #expect(throws: SlurmError.self) {
            try JobscriptRenderer.render(awkwardSettings(signalLead: 60, time: .limited(seconds: 45)))
        }
        #expect(error?.code == .invalidSetting)
        #expect(error?.message.contains("signal lead of 60 s is not shorter than the time limit of 1 min") == true)
    }

    @Test func unlimitedTimeHasNoLeadLimit() throws {
        let lines = try JobscriptRenderer.directives(awkwardSettings(signalLead: 5_000, time: .unlimited))
        #expect(lines.contains("#SBATCH --time=UNLIMITED"))
        #expect(lines.contains("#SBATCH --signal=B:USR2@5000"))
    }

    @Test("invalid settings", arguments: [
        ("tasks", "--ntasks must be at least 1"),
        ("maxSegments", "--max-segments must be 0"),
        ("coreHours", "--core-hours must be a positive number"),
        ("lead", "--signal-lead must be 1 to 65535"),
        ("jobName", "--job-name must not be empty"),
    ])
    func invalidSettings(field: String, fragment: String) {
        var settings = awkwardSettings()
        switch field {
        case "tasks": settings.tasks = 0
        case "maxSegments": settings.maxSegments = -1
        case "coreHours": settings.coreHourBudget = 0
        case "lead": settings.signalLeadSeconds = 0
        default: settings.jobName = ""
        }
        let error = #expect(throws: SlurmError.self) {
            try JobscriptRenderer.render(settings)
        }
        #expect(error?.code == .invalidSetting)
        #expect(error?.message.contains(fragment) == true, "message: \(error?.message ?? "none")")
    }
}
