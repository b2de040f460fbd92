/// `--help` texts of the program and its commands.
enum Help {
    /// The overview that `help` prints, naming the running program. The
    /// `md-datafile` command is listed only when the `md` kernel is offered.
    static var overview: String {
        let program = ProgramName.current
        var commands: [(usage: String, summary: String)] = [
            ("run [OPTIONS]", "start a job (see '\(program) run --help')"),
            ("--resume PATH [OPTIONS]", "continue the job checkpointed at PATH"),
            ("verify --steps N [OPTIONS]", "check that the job restarts bit-identically (see '\(program) verify --help')"),
        ]
        if MDDataFileCommand.isOffered {
            commands.append(("md-datafile --seed S --output PATH [MD OPTIONS]", "write an md job's initial state as a LAMMPS data file"))
        }
        commands += [
            ("jobscript [OPTIONS] -- RUN_ARGS", "write a self-resubmitting Slurm batch script"),
            ("status PATH", "print the checkpoint's step and time accounting"),
            ("report [OPTIONS] FILE", "convergence diagnostics of a trace or draws (see '\(program) report --help')"),
            ("help [COMMAND]", "show this help, or that of COMMAND"),
            ("--version", "show the version"),
        ]

        // Align the summaries in one column. A usage too long for it gets
        // its summary on the next line.
        let width = program.count + 35
        var usage = ""
        for command in commands {
            let label = "  \(program) \(command.usage)"
            if label.count + 1 > width {
                usage += label + "\n" + String(repeating: " ", count: width) + command.summary + "\n"
            } else {
                usage += label.padding(toLength: width) + command.summary + "\n"
            }
        }

        return """
        \(program): run iterative scientific jobs that survive walltime limits, preemption and signals.

        Usage:
        \(usage)
        Exit codes:
          0   the work is complete (report: every parameter meets the criteria)
          2   report: some parameter fails the convergence criteria
          3   the chain's --core-hours are used up: a checkpoint was written; raise the limit to continue
          4   report: the job has no draws yet (an MCMC job in warm-up)
          75  a checkpoint was written and work remains: run '\(program) --resume PATH' again
          64  invalid command line or configuration file
          65  unreadable, corrupt or incompatible input (checkpoint, data)
          1   any other failure (verify: the restarted state or trace differs)

        Log lines go to standard error; set PERPETUAL_LOG_LEVEL to debug, info, warning or error.
        """
    }

    /// Help for `simrun run`, listing the options of every kernel.
    static func run() -> String {
        var text = """
        Usage: \(ProgramName.current) run [OPTIONS]

        Starts a job and runs it until the work is complete (exit 0) or a budget
        or signal stops it with a checkpoint (exit 75). SIGTERM, SIGUSR1, SIGUSR2 and SIGINT
        stop the job at the next step boundary with a checkpoint.

        Options:

        """
        text += format([KernelCatalog.kernelOption] + RunOptions.shared + [KernelCatalog.configOption, RunOptions.help])
        for kernel in KernelCatalog.entries {
            text += "\nKernel '\(kernel.name)': \(kernel.summary)\n"
            text += format(kernel.options)
        }
        return text
    }

    /// Help for `simrun --resume`.
    static func resume() -> String {
        var text = """
        Usage: \(ProgramName.current) --resume PATH [OPTIONS]

        Continues the job whose checkpoint is at PATH from the newest generation
        that validates, falling back to an older one (and saying so) when the newest
        is damaged. The kernel settings come from the checkpoint; options below
        override the stored execution settings for this and later segments.

        Options:

        """
        text += format(RunOptions.shared.filter { $0.name != "checkpoint" } + [RunOptions.help])
        for kernel in KernelCatalog.entries {
            let execution = kernel.options.filter { $0.role == .execution }
            guard !execution.isEmpty else { continue }
            text += "\nJobs of kernel '\(kernel.name)' also take:\n" + format(execution)
        }
        return text
    }

    /// Commands that ``command(_:)`` has a help text for.
    static let commandNames = ["run", "resume", "report", "status", "md-datafile", "jobscript"]

    /// Returns the help text of `simrun help COMMAND`, the same as `COMMAND
    /// --help` prints, or `nil` for an unknown command.
    static func command(_ name: String) -> String? {
        switch name {
        case "run": run()
        case "resume", "--resume": resume()
        case "report": ReportOptions.help + format(ReportOptions.all)
        case "status": StatusCommand.help
        case MDDataFileCommand.name: MDDataFileCommand.help
        case "jobscript": JobscriptCommand.help
        default: nil
        }
    }

    /// Formats options as an aligned two-column list, wrapping help at 80 columns.
    static func format(_ options: [OptionSpec]) -> String {
        let labels = options.map { option in
            "  --\(option.name)" + (option.valueName.map { " \($0)" } ?? "")
        }
        let width = min(34, (labels.map(\.count).max() ?? 0) + 2)
        var text = ""
        for (option, label) in zip(options, labels) {
            var help = option.help
            if let value = option.defaultValue { help += " Default: \(value)." }
            let lines = wrap(help, width: 80 - width)
            if label.count + 2 > width {
                text += label + "\n" + lines.map { String(repeating: " ", count: width) + $0 }.joined(separator: "\n") + "\n"
            } else {
                text += label.padding(toLength: width) + lines.joined(separator: "\n" + String(repeating: " ", count: width)) + "\n"
            }
        }
        return text
    }

    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty, line.count + 1 + word.count > width {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }
}
