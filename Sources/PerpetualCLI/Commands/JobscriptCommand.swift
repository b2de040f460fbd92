import Foundation
import PerpetualCheckpoint
import PerpetualCore
import PerpetualSlurm

/// `simrun jobscript`: writes a Slurm batch script that runs a job as a
/// self-resubmitting chain of segments.
enum JobscriptCommand {
    static let options: [OptionSpec] = [
        OptionSpec("time", value: "TIME", role: .invocation,
                   help: "Time limit of each segment (sbatch --time), in Slurm's formats (MM, HH:MM:SS, D-HH, …) or with a unit (90s, 2h); rounded up to whole minutes. Required."),
        OptionSpec("output", value: "PATH", role: .invocation, help: "File to write the batch script to. Required."),
        OptionSpec("nodes", value: "N", role: .invocation, help: "sbatch --nodes."),
        OptionSpec("ntasks", value: "N", default: "1", role: .invocation,
                   help: "sbatch --ntasks: MPI ranks. More than 1 launches with 'srun --mpi=pmix'."),
        OptionSpec("cpus-per-task", value: "N", default: "1", role: .invocation, help: "sbatch --cpus-per-task."),
        OptionSpec("mem", value: "SIZE", role: .invocation, help: "sbatch --mem, for example 4G."),
        OptionSpec("partition", value: "NAME", role: .invocation, help: "sbatch --partition."),
        OptionSpec("account", value: "NAME", role: .invocation, help: "sbatch --account."),
        OptionSpec("job-name", value: "NAME", role: .invocation,
                   help: "sbatch --job-name; segments of one chain share it for --dependency=singleton. Default: perpetual-<checkpoint file stem>-<8 hex digits of a hash of its absolute path>, so that chains in different directories do not wait for each other."),
        OptionSpec("log", value: "PATTERN", default: "%x-%j.out", role: .invocation,
                   help: "sbatch --output of each segment, relative to the current directory; %x is the job name, %j the job id."),
        OptionSpec("signal", value: "NAME", default: "USR1", role: .invocation,
                   help: "Warning signal Slurm sends before the time limit: USR1, or USR2 when a library in the job uses USR1."),
        OptionSpec("signal-lead", value: "SECONDS", role: .invocation,
                   help: "Seconds before the time limit at which the signal comes. Default: 60 s for Slurm's timing jitter plus twice the step and checkpoint time measured in the checkpoint, or 30 s of checkpoint time for a new job."),
        OptionSpec("max-segments", value: "N", default: "100", role: .invocation,
                   help: "Stop the chain after N segments even with work remaining; 0 for no limit."),
        OptionSpec("core-hours", value: "H", role: .invocation,
                   help: "Core-hour budget of the whole chain: no segment is submitted that could exceed it."),
        OptionSpec("requeue", value: nil, role: .invocation,
                   help: "Continue by 'scontrol requeue' of the same job (same id and output file) instead of submitting a new one."),
        RunOptions.help,
    ]

    static var help: String { """
    Usage: \(ProgramName.current) jobscript --time TIME --output job.sh [OPTIONS] -- RUN_ARGUMENTS

    Writes a Slurm batch script for the job that '\(ProgramName.current) run RUN_ARGUMENTS'
    starts. Submit it once with 'sbatch job.sh'. Each segment runs \(ProgramName.current)
    through srun until Slurm's warning signal or its own walltime budget stops
    it with a checkpoint (exit 75), then submits the next segment, until the
    work is complete. The chain stops with a message, and without
    resubmitting, when a segment fails, cannot read the checkpoint, makes no
    progress, or reaches --max-segments or --core-hours. Its bookkeeping
    files are in <checkpoint>.chain/.

    Options:

    """ + Help.format(options) }

    /// Writes the script and returns a message naming it.
    /// - Throws: ``UsageError`` for invalid options or run arguments;
    ///   ``SlurmError`` for settings Slurm cannot take; file errors.
    static func run(_ parsed: ParsedArguments, logger: Logger) throws -> String {
        var valuesWithDefaults = parsed.values
        for option in options {
            if valuesWithDefaults[option.name] == nil, let value = option.defaultValue {
                valuesWithDefaults[option.name] = value
            }
        }
        let values = OptionValues(valuesWithDefaults)
        guard let time = values["time"] else {
            throw UsageError("missing required option --time (the time limit of each segment, for example 30 or 2:00:00)", command: "jobscript")
        }
        guard let output = values["output"] else {
            throw UsageError("missing required option --output (the file to write the batch script to)", command: "jobscript")
        }
        guard !parsed.passthrough.isEmpty else {
            throw UsageError("missing the run arguments after '--': give the options of '\(ProgramName.current) run', for example -- --checkpoint runs/job.h5 and the kernel's options", command: "jobscript")
        }

        // Check the run arguments as 'simrun run' will, so that a mistake is
        // reported now rather than when the job starts.
        let runParser = ArgumentParser(command: "run", options: Simrun.allRunOptions())
        let runValues = try OptionResolution.resolveFresh(try runParser.parse(parsed.passthrough))
        _ = try KernelCatalog.entry(named: try runValues.required("kernel")).make(runValues)
        _ = try ExecutionSettings(runValues)
        let checkpoint = try runValues.required("checkpoint")

        let workingDirectory = FileManager.default.currentDirectoryPath
        let settings = JobscriptSettings(
            timeLimit: try parseTime(time),
            nodes: try optionalCount(values, "nodes"),
            tasks: try count(values, "ntasks"),
            cpusPerTask: try count(values, "cpus-per-task"),
            memory: values["mem"], partition: values["partition"], account: values["account"],
            jobName: values["job-name"] ?? ChainJobName.forCheckpoint(absolute(checkpoint, in: workingDirectory)),
            outputPattern: values["log"] ?? "%x-%j.out",
            signal: try StopSignalName.parse(values["signal"] ?? "USR1"),
            signalLeadSeconds: try signalLead(values, checkpoint: checkpoint, logger: logger),
            maxSegments: try integer(values, "max-segments", in: 0...1_000_000),
            coreHourBudget: try coreHours(values),
            continuation: values["requeue"] == nil ? .submit : .requeue,
            simrunPath: try simrunExecutablePath(),
            workingDirectory: workingDirectory,
            scriptPath: absolute(output, in: workingDirectory),
            checkpointPath: checkpoint,
            runArguments: parsed.passthrough)

        let script = try JobscriptRenderer.render(settings)
        try OutputFile.write(script, to: settings.scriptPath, what: "the job script", permissions: 0o755)
        return "wrote \(settings.scriptPath); submit it with: sbatch \(ShellQuoting.bashWord(output))"
    }

    // MARK: - Values

    static func parseTime(_ text: String) throws -> Walltime {
        do {
            return try Walltime.parse(text)
        } catch {
            throw UsageError("invalid value '\(text)' for --time: \(error)", command: "jobscript")
        }
    }

    /// Reads an integer option; its errors point to 'simrun jobscript --help'.
    private static func integer(_ values: OptionValues, _ name: String, in range: ClosedRange<Int>) throws -> Int {
        do {
            return try values.integer(name, in: range)
        } catch let error as UsageError {
            throw UsageError(error.message, command: "jobscript")
        }
    }

    private static func count(_ values: OptionValues, _ name: String) throws -> Int {
        try integer(values, name, in: 1...1_000_000)
    }

    private static func optionalCount(_ values: OptionValues, _ name: String) throws -> Int? {
        values[name] == nil ? nil : try count(values, name)
    }

    private static func coreHours(_ values: OptionValues) throws -> Double? {
        guard let text = values["core-hours"] else { return nil }
        guard let hours = Double(text.trimmingSpaces()), hours.isFinite, hours > 0, hours <= JobscriptRenderer.maxCoreHours else {
            throw UsageError("invalid value '\(text)' for --core-hours: expected a positive number of core-hours, at most \(Int(JobscriptRenderer.maxCoreHours))", command: "jobscript")
        }
        return hours
    }

    /// Returns `--signal-lead`, or the lead computed from the accounting of
    /// an existing checkpoint of the job, or the default for a new job.
    private static func signalLead(_ values: OptionValues, checkpoint: String, logger: Logger) throws -> Int {
        if values["signal-lead"] != nil {
            return try integer(values, "signal-lead", in: 1...SignalLead.maxSeconds)
        }
        guard FileManager.default.fileExists(atPath: checkpoint) else {
            return SignalLead.seconds(accounting: nil, step: 0)
        }
        do {
            let stored = try CheckpointReader.loadNewestValid(path: checkpoint).checkpoint
            let lead = SignalLead.seconds(accounting: stored.accounting, step: stored.step)
            logger.info("signal lead \(lead) s from the times measured in \(stored.path) at step \(stored.step)")
            return lead
        } catch {
            logger.warning("cannot read the existing checkpoint \(checkpoint) for measured times, using the default signal lead: \(error)")
            return SignalLead.seconds(accounting: nil, step: 0)
        }
    }

    /// Returns the absolute path of the running simrun binary, which the
    /// script runs on the compute nodes.
    static func simrunExecutablePath() throws -> String {
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"), path.hasPrefix("/") {
            return path
        }
        guard let path = Bundle.main.executablePath else {
            throw UsageError("cannot find the path of the \(ProgramName.current) binary for the job script")
        }
        return path
    }

    static func absolute(_ path: String, in directory: String) -> String {
        let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : URL(fileURLWithPath: directory).appendingPathComponent(path)
        return url.standardizedFileURL.path
    }
}
