import Foundation
import PerpetualCheckpoint
import PerpetualCore
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
        let logger = Logger.fromEnvironment()
        let signals: StopSignalHandlers
        do {
            signals = try StopSignalHandlers.install()
        } catch {
            logger.error("\(error)")
            return ExitCode.failure.rawValue
        }
        let runner = JobRunner(logger: logger, signals: signals, clock: clock, processStart: processStart)

        do {
            return try dispatch(arguments, runner: runner).rawValue
        } catch {
            let code = exitCode(for: error)
            logger.error(message(for: error))
            if let usage = error as? UsageError, let command = usage.command {
                let help = command == "resume" ? "simrun --resume PATH --help" : "simrun \(command) --help"
                logger.error("see '\(help)' for the options")
            }
            return code.rawValue
        }
    }

    static func dispatch(_ arguments: [String], runner: JobRunner) throws -> ExitCode {
        guard let first = arguments.first else {
            print(Help.overview)
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
        case "report":
            return try ReportCommand.run(Array(arguments.dropFirst()))
        case "help", "--help", "-h":
            print(Help.overview)
            return .complete
        case "--version":
            print("simrun \(PerpetualVersion.string)")
            return .complete
        default:
            if arguments.contains("--resume") || first.hasPrefix("--resume=") {
                if arguments.contains("--help") {
                    print(Help.resume(), terminator: "")
                    return .complete
                }
                let parser = ArgumentParser(command: "resume", options: resumeOptions())
                let parsed = try parser.parse(arguments)
                guard let path = parsed.values["resume"] else {
                    throw UsageError("option '--resume' needs the checkpoint path", command: "resume")
                }
                return try runner.resume(path: path, parsed)
            }
            var message = "unknown command '\(first)'"
            if let suggestion = closestMatch(to: first, among: ["run", "report", "help"]) {
                message += "; did you mean '\(suggestion)'?"
            } else {
                message += "; expected 'run', '--resume PATH', 'report' or 'help'"
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

    static func exitCode(for error: any Error) -> ExitCode {
        switch error {
        case is UsageError:
            return .usage
        case let error as CheckpointError:
            // A --resume path with no checkpoint at it is bad input too.
            return error.isInputError || error.code == .notFound ? .badInput : .failure
        case is KernelStateError, is DiagnosticsError:
            return .badInput
        default:
            return .failure
        }
    }

    static func message(for error: any Error) -> String {
        "\(error)"
    }
}
