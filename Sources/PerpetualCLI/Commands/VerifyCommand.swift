import Foundation
import PerpetualCheckpoint
import PerpetualCore

/// `simrun verify`: checks that a job restarts exactly. It runs N steps and
/// checkpoints, resumes in a new process for N more steps, runs 2N steps in
/// one process, and compares the two final states and the two traces bit
/// for bit.
enum VerifyCommand {
    static let steps = OptionSpec(
        "steps", value: "N", role: .invocation,
        help: "Steps before the restart and again after it (required). The job must have at least 2N steps.")
    static let directory = OptionSpec(
        "directory", value: "DIR", role: .invocation,
        help: "Directory for the checkpoints of both runs; created when missing. Default: a new directory under the temporary directory.")
    static let keepFiles = OptionSpec(
        "keep-files", value: nil, role: .invocation,
        help: "Keep the checkpoints when the check passes; they are always kept when it fails.")

    /// Options the verify command itself consumes; all others go to `run`.
    static let ownOptions: Set<String> = ["steps", "directory", "keep-files", "help"]

    static var options: [OptionSpec] {
        Simrun.allRunOptions().filter { !ownOptions.contains($0.name) } + [steps, directory, keepFiles, RunOptions.help]
    }

    static var help: String { """
    Usage: \(ProgramName.current) verify --steps N [RUN OPTIONS]

    Checks that a job restarts bit-identically. Runs the job given by the run
    options (see '\(ProgramName.current) run --help') for N steps with a checkpoint, resumes it
    in a new process for N more steps, runs it for 2N steps in one process,
    and compares the two final checkpointed states and the two traces bit for
    bit. Prints PASS, or FAIL with the first differing state entry and its
    row-major element index, or the first differing trace variable and row.
    Exit code 0 when they match, 1 when they differ or a run fails, 64 for an
    invalid command line. The md kernel's own --steps option (steps of the
    whole job) has the same name as this one: set it in a --config file.

    Options:

    """ + Help.format([steps, directory, keepFiles, RunOptions.help]) }

    /// Runs the three jobs and compares them.
    /// - Throws: ``UsageError`` for invalid options; ``VerifyError`` when a
    ///   job fails or stops early.
    static func run(_ arguments: [String], runner: JobRunner) throws -> ExitCode {
        let parsed = try ArgumentParser(command: "verify", options: options).parse(arguments)
        let plan = try makePlan(parsed, runner: runner)
        try FileManager.default.createDirectory(at: plan.directory, withIntermediateDirectories: true)
        runner.logger.info("verify: \(plan.kernelName), \(plan.steps) steps, a restart in a new process, then \(plan.steps) more steps, compared with \(2 * plan.steps) steps in one process; files in \(plan.directory.path)")

        // The interrupted job: N steps, then a resume in a new process.
        let split = plan.directory.appendingPathComponent("restarted.h5").path
        let straight = plan.directory.appendingPathComponent("straight.h5").path
        let endCode: ExitCode = plan.totalSteps == 2 * plan.steps ? .complete : .checkpointed
        try runChild(["run"] + plan.runArguments + ["--checkpoint=\(split)", "--segment-steps=\(plan.steps)"],
                     expecting: .checkpointed, phase: "first \(plan.steps) steps")
        try runChild(["--resume", split, "--segment-steps=\(plan.steps)"],
                     expecting: endCode, phase: "resumed \(plan.steps) steps")

        // The uninterrupted job.
        try runChild(["run"] + plan.runArguments + ["--checkpoint=\(straight)", "--segment-steps=\(2 * plan.steps)"],
                     expecting: endCode, phase: "\(2 * plan.steps) steps in one process")

        return try compare(restartedPath: split, straightPath: straight, plan: plan, logger: runner.logger)
    }

    /// Settings of the three runs: the run arguments without verify's own
    /// options, the step count and the work directory.
    struct Plan {
        var runArguments: [String]
        var steps: Int
        var totalSteps: Int
        var kernelName: String
        var directory: URL
        var keepsFiles: Bool
    }

    /// Checks the options and builds the kernel once, so that a mistake is
    /// reported before any job runs.
    static func makePlan(_ parsed: ParsedArguments, runner: JobRunner) throws -> Plan {
        guard runner.communicator.size == 1 else {
            throw UsageError("verify starts its jobs as single processes; run it without mpirun or srun", command: "verify")
        }
        guard let stepsText = parsed.values["steps"] else {
            throw UsageError("missing required option --steps (steps before the restart and after it)", command: "verify")
        }
        let steps = try OptionValues(["steps": stepsText]).integer("steps", in: 1...Int(Int32.max))
        for name in ["checkpoint", "segment-steps"] where parsed.values[name] != nil {
            throw UsageError("--\(name) cannot be given to verify: it sets the checkpoint paths and segment lengths of its jobs itself; drop --\(name)", command: "verify")
        }

        var runParsed = parsed
        runParsed.values = parsed.values.filter { !ownOptions.contains($0.key) }
        let values = try OptionResolution.resolveFresh(runParsed)
        let entry = try KernelCatalog.entry(named: try values.required("kernel"))
        let kernel = try entry.make(values)
        guard kernel.totalSteps >= 2 * steps else {
            throw UsageError("--steps \(steps) needs a job of at least \(2 * steps) steps, but this job has \(kernel.totalSteps); give a smaller --steps", command: "verify")
        }

        let directory = parsed.values["directory"].map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("perpetual-verify-\(getpid())-\(UUID().uuidString)")
        let runArguments = runParsed.values.keys.sorted().map { name in
            runParsed.values[name] == "true" && options.first { $0.name == name }?.isFlag == true
                ? "--\(name)" : "--\(name)=\(runParsed.values[name]!)"
        }
        return Plan(runArguments: runArguments, steps: steps, totalSteps: kernel.totalSteps, kernelName: entry.name,
                    directory: directory, keepsFiles: parsed.values["keep-files"] != nil)
    }

    /// Runs this executable with `arguments` in a new process; its log goes
    /// to this process's standard error, at level warning unless
    /// `PERPETUAL_LOG_LEVEL` is set.
    /// - Throws: ``VerifyError`` when it exits with another code than `expected`.
    static func runChild(_ arguments: [String], expecting expected: ExitCode, phase: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try JobscriptCommand.simrunExecutablePath())
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        if environment["PERPETUAL_LOG_LEVEL"] == nil {
            environment["PERPETUAL_LOG_LEVEL"] = "warning"
        }
        process.environment = environment
        do {
            try process.run()
        } catch {
            throw VerifyError("cannot start \(process.executableURL!.path) for the \(phase): \(error)")
        }
        process.waitUntilExit()
        let status = process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
        guard status == expected.rawValue else {
            throw VerifyError("the run of the \(phase) ('\(arguments.joined(separator: " "))') exited with code \(status), expected \(expected.rawValue); its log is above")
        }
    }

    /// Loads the newest checkpoint of both jobs and prints PASS or FAIL.
    static func compare(restartedPath: String, straightPath: String, plan: Plan, logger: Logger) throws -> ExitCode {
        let restarted = try CheckpointReader.loadNewestValid(path: restartedPath).checkpoint
        let straight = try CheckpointReader.loadNewestValid(path: straightPath).checkpoint
        for checkpoint in [restarted, straight] where checkpoint.step != 2 * plan.steps {
            throw VerifyError("the job in \(checkpoint.path) stopped at step \(checkpoint.step) instead of \(2 * plan.steps), so the states cannot be compared; a --walltime or --memory budget probably stopped it early: drop it or give a smaller --steps")
        }

        var difference = restarted.state.firstDifference(from: straight.state).map { "state entry \($0)" }
        let straightTrace = try TraceRows.read(checkpointPath: straightPath)
        if difference == nil {
            difference = try TraceRows.read(checkpointPath: restartedPath).firstDifference(from: straightTrace)
        }
        if let difference {
            print("FAIL: after \(2 * plan.steps) steps, the job restarted at step \(plan.steps) differs from the uninterrupted job in \(difference) (restarted versus uninterrupted)")
            print("checkpoints kept in \(plan.directory.path)")
            return .failure
        }
        print("PASS: after \(2 * plan.steps) steps, the job restarted at step \(plan.steps) is bit-identical to the uninterrupted job: state \(describeEntries(straight.state)), \(straight.state.arrayByteCount) bytes of arrays; trace \(straightTrace.rowCount) rows of \(straightTrace.schema.rowLength) values")
        if plan.keepsFiles {
            print("checkpoints kept in \(plan.directory.path)")
        } else {
            do {
                try FileManager.default.removeItem(at: plan.directory)
            } catch {
                logger.warning("cannot remove the verify directory \(plan.directory.path): \(error)")
            }
        }
        return .complete
    }
}

extension VerifyCommand {
    /// Counts the entries of `state` as a schema mismatch message does: the
    /// declared entries, with the reserved schema version entry named apart.
    static func describeEntries(_ state: KernelState) -> String {
        let schema = StateSchema(describing: state)
        let entries = "\(schema.entries.count) entries"
        guard let version = schema.version else { return entries }
        return entries + " and \(StateSchema.versionEntryName) \(version)"
    }
}

/// A job of `simrun verify` that failed or stopped early; exit code 1.
struct VerifyError: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = "verify: " + description
    }
}
