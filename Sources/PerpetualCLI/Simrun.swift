import Foundation
import PerpetualCheckpoint
import PerpetualCoordination
import PerpetualCore
import PerpetualSlurm
import PerpetualDiagnostics

/// Entry point of the `simrun` executable.
public enum Simrun {
    /// Runs the command line `arguments` (without the program name) and
    /// returns the process exit code.
    public static func main(_ arguments: [String]) -> Int32 {
        // Start the walltime clock and catch stop signals before anything
        // slow happens, so that a signal during start-up still leads to a
        // clean checkpoint at the first step boundary.
        let clock = SystemClock()
        let processStart = clock.now()
        // A closed log pipe (a `| tee` whose reader exited, Ctrl-C in a
        // pipeline) must not kill the job before it checkpoints: writes to
        // it fail with EPIPE instead, which the logger ignores.
        signal(SIGPIPE, SIG_IGN)
        var logger = Logger.fromEnvironment()
        if let level = ProcessInfo.processInfo.environment["PERPETUAL_LOG_LEVEL"], LogLevel(name: level) == nil {
            logger.warning("ignoring PERPETUAL_LOG_LEVEL='\(level)': expected debug, info, warning or error")
        }
        let signals: StopSignalHandlers
        do {
            signals = try StopSignalHandlers.install()
        } catch {
            logger.error("\(error)")
            return ExitCode.failure.rawValue
        }
        // Commands that only read or write small files (status, report,
        // jobscript, help) end at once on a signal: a job's graceful stop would
        // leave them waiting, for example inside an HDF5 read that hangs on a
        // damaged file.
        if isJobCommand(arguments) {
            raiseTestSignalAtStart(logger: logger)
        } else {
            do {
                try signals.restore()
            } catch {
                logger.warning("\(error)")
            }
        }

        // MPI starts only under mpirun or srun; every path below finalises it.
        let communicator: any Communicator
        do {
            communicator = try MPIEnvironment.start(environment: ProcessInfo.processInfo.environment)
        } catch {
            logger.error("cannot start MPI: \(error)")
            return ExitCode.failure.rawValue
        }
        logger = logger.forRank(communicator.rank)
        logger.debug("process \(getpid()) is rank \(communicator.rank) of \(communicator.size)")

        let runner = JobRunner(logger: logger, signals: signals, clock: clock, processStart: processStart,
                               communicator: communicator)
        var (code, originatedHere) = run(arguments, runner: runner)
        if communicator.size > 1 {
            code = agreeOnExitCode(code, originatedHere: originatedHere, communicator: communicator)
        }
        do {
            try MPIEnvironment.finish()
        } catch {
            logger.error("\(error)")
            if code == ExitCode.complete.rawValue { code = ExitCode.failure.rawValue }
        }
        return code
    }

    /// Runs the command and logs its error, if any. Returns the exit code
    /// and whether a failure arose on this rank rather than on another.
    static func run(_ arguments: [String], runner: JobRunner) -> (code: Int32, originatedHere: Bool) {
        do {
            return (try dispatch(arguments, runner: runner).rawValue, false)
        } catch {
            let code = exitCode(for: error)
            runner.logger.error(message(for: error))
            if error is UsageError {
                runner.logger.error("see '\(helpCommand(for: arguments))' for the options")
            }
            return (code.rawValue, !isRemote(error))
        }
    }

    /// Makes every rank exit with the same code: that of the lowest rank
    /// where a failure arose, or the common code when none failed.
    /// Collective; returns `code` unchanged if the ranks cannot communicate.
    static func agreeOnExitCode(_ code: Int32, originatedHere: Bool, communicator: any Communicator) -> Int32 {
        let size = communicator.size
        do {
            var values = [originatedHere ? Double(size - communicator.rank) : 0, Double(code)]
            try communicator.allreduceMaximum(&values)
            guard values[0] > 0 else { return Int32(values[1]) }
            let origin = size - Int(values[0])
            let received = try communicator.broadcast(Array(String(code).utf8), root: origin)
            return Int32(String(decoding: received, as: UTF8.self)) ?? code
        } catch {
            return code == ExitCode.complete.rawValue ? ExitCode.failure.rawValue : code
        }
    }

    /// Returns whether `error` only relays a failure of another rank.
    static func isRemote(_ error: any Error) -> Bool {
        if error is RemoteRankError { return true }
        if let error = error as? HarnessError { return error.underlying is RemoteRankError }
        return false
    }

    static func dispatch(_ arguments: [String], runner: JobRunner) throws -> ExitCode {
        guard let first = arguments.first else {
            FileHandle.standardError.write(Data((Help.overview + "\n").utf8))
            return .usage
        }
        switch first {
        case "run":
            let rest = Array(arguments.dropFirst())
            if rest.contains("--help") {
                print(Help.run(), terminator: "")
                return .complete
            }
            let parser = ArgumentParser(command: "run", options: allRunOptions())
            return try runner.runFresh(try parser.parse(rest))
        case MDDataFileCommand.name where MDDataFileCommand.isOffered:
            return try MDDataFileCommand.run(Array(arguments.dropFirst()))
        case "jobscript":
            let rest = Array(arguments.dropFirst())
            if rest.prefix(while: { $0 != "--" }).contains("--help") {
                print(JobscriptCommand.help, terminator: "")
                return .complete
            }
            let parser = ArgumentParser(command: "jobscript", options: JobscriptCommand.options)
            let message = try JobscriptCommand.run(try parser.parse(rest), logger: runner.logger)
            runner.logger.info(message)
            return .complete
        case "status":
            let rest = Array(arguments.dropFirst())
            if rest.contains("--help") {
                print(StatusCommand.help, terminator: "")
                return .complete
            }
            let parser = ArgumentParser(command: "status", options: StatusCommand.options, maxPositionals: 1)
            for line in try StatusCommand.report(try parser.parse(rest)) {
                print(line)
            }
            return .complete
        case "report":
            return try ReportCommand.run(Array(arguments.dropFirst()))
        case "verify":
            let rest = Array(arguments.dropFirst())
            if rest.contains("--help") {
                print(VerifyCommand.help, terminator: "")
                return .complete
            }
            return try VerifyCommand.run(rest, runner: runner)
        case "help", "--help", "-h":
            if let command = arguments.dropFirst().first {
                guard let text = Help.command(command) else {
                    throw UsageError("no help for '\(command)'; commands with help: \(Help.commandNames.joined(separator: ", "))")
                }
                print(text, terminator: "")
                return .complete
            }
            print(Help.overview)
            return .complete
        case "--version":
            print("\(ProgramName.current) \(PerpetualVersion.string)")
            return .complete
        default:
            if arguments.contains("--resume") || first.hasPrefix("--resume=") {
                if arguments.contains("--help") {
                    print(Help.resume(), terminator: "")
                    return .complete
                }
                let parser = ArgumentParser(command: "resume", options: resumeOptions())
                let parsed = try parser.parse(arguments)
                guard let path = parsed.values["resume"], !path.isEmpty else {
                    throw UsageError("option '--resume' needs the checkpoint path", command: "resume")
                }
                if let other = parsed.values["checkpoint"] {
                    throw UsageError("--checkpoint '\(other)' cannot be combined with --resume: a resumed job keeps writing to its checkpoint path '\(path)'", command: "resume")
                }
                return try runner.resume(path: path, parsed)
            }
            var message = "unknown command '\(first)'"
            if let suggestion = closestMatch(to: first, among: ["run", "verify", "report", "jobscript", "status", "help"]) {
                message += "; did you mean '\(suggestion)'?"
            } else {
                message += "; expected 'run', '--resume PATH', 'verify', 'report', 'jobscript', 'status' or 'help'"
            }
            throw UsageError(message)
        }
    }

    /// Options `run` accepts: the shared ones and those of every kernel,
    /// so that a configuration mistake is reported by the kernel check.
    static func allRunOptions() -> [OptionSpec] {
        var seen = Set<String>()
        return KernelCatalog.entries.flatMap(OptionResolution.runOptions(for:)).filter { seen.insert($0.name).inserted }
    }

    /// Options `--resume` accepts: execution options, and physics options so
    /// that a conflicting value gets a precise message instead of "unknown".
    static func resumeOptions() -> [OptionSpec] {
        allRunOptions().filter { $0.name != "config" } + [RunOptions.resume]
    }

    /// Returns whether the command line runs a job (`run`, `--resume`,
    /// `verify`), which stops gracefully on a signal. Other commands keep
    /// the default action and end at once.
    static func isJobCommand(_ arguments: [String]) -> Bool {
        guard let first = arguments.first else { return false }
        return first == "run" || first == "verify"
            || arguments.contains(where: { $0 == "--resume" || $0.hasPrefix("--resume=") })
    }

    /// Returns the help command that matches the command line that failed.
    static func helpCommand(for arguments: [String]) -> String {
        if arguments.contains(where: { $0 == "--resume" || $0.hasPrefix("--resume=") }) {
            return "\(ProgramName.current) --resume PATH --help"
        }
        if arguments.first == "verify" { return "\(ProgramName.current) verify --help" }
        if arguments.first == "run" { return "\(ProgramName.current) run --help" }
        if let first = arguments.first, Help.commandNames.contains(first) { return "\(ProgramName.current) help \(first)" }
        return "\(ProgramName.current) help"
    }

    static func exitCode(for error: any Error) -> ExitCode {
        switch error {
        case is UsageError:
            return .usage
        case let error as CheckpointError:
            // A --resume path with no checkpoint at it is bad input too.
            return error.isInputError || error.code == .notFound ? .badInput : .failure
        case is KernelStateError, is StateSchemaMismatch, is InputDataError, is DiagnosticsError:
            return .badInput
        case let error as SlurmError:
            return error.code == .invalidSetting ? .usage : .failure
        default:
            return .failure
        }
    }

    static func message(for error: any Error) -> String {
        "\(error)"
    }

    /// Test hook: `PERPETUAL_TEST_SIGNAL_AT_START=USR1` (or `USR2`, `TERM`,
    /// `INT`) sends that signal to this process once its handlers are
    /// installed, as a Slurm warning signal that comes during start-up
    /// would. The job then stops with a checkpoint before its first step.
    static func raiseTestSignalAtStart(logger: Logger) {
        guard let name = ProcessInfo.processInfo.environment["PERPETUAL_TEST_SIGNAL_AT_START"] else { return }
        let signals: [String: Int32] = ["USR1": SIGUSR1, "USR2": SIGUSR2, "TERM": SIGTERM, "INT": SIGINT]
        guard let number = signals[name] else {
            logger.warning("ignoring PERPETUAL_TEST_SIGNAL_AT_START='\(name)': expected USR1, USR2, TERM or INT")
            return
        }
        kill(getpid(), number)
    }
}
