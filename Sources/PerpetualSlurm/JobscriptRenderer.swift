import PerpetualCore
import PerpetualJobscripts

/// Renders a chain job script from ``JobscriptSettings`` and the template
/// `jobscripts/chain-segment.sh`.
///
/// Values reach the script in two ways. `#SBATCH` lines carry resources and
/// Slurm options, quoted with ``ShellQuoting/sbatchValue(_:option:)``.
/// Bash assignments carry paths and the simrun arguments, each quoted with
/// ``ShellQuoting/bashWord(_:)``, so no value is ever expanded by the shell.
public enum JobscriptRenderer {
    /// Placeholder lines in the template.
    static let directivesPlaceholder = "@@DIRECTIVES@@"
    static let settingsPlaceholder = "@@SETTINGS@@"

    /// Returns the script text for `settings`, from `template` or the
    /// shipped template when it is `nil`.
    ///
    /// - Throws: ``SlurmError`` with ``SlurmError/Code/invalidSetting`` when
    ///   a setting is out of range, the signal lead is not shorter than the
    ///   time limit, or a value cannot be written into an `#SBATCH` line or
    ///   a bash word; any error reading the shipped template.
    public static func render(_ settings: JobscriptSettings, template: String? = nil) throws -> String {
        try validate(settings)
        let text = try template ?? JobscriptTemplates.chainSegment()
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let directivesIndex = lines.firstIndex(of: directivesPlaceholder),
              let settingsIndex = lines.firstIndex(of: settingsPlaceholder) else {
            preconditionFailure("the job-script template lacks a '\(directivesPlaceholder)' or '\(settingsPlaceholder)' line")
        }
        lines[settingsIndex] = try settingsBlock(settings)
        lines[directivesIndex] = try directives(settings).joined(separator: "\n")
        return lines.joined(separator: "\n")
    }

    // MARK: - Validation

    static func validate(_ settings: JobscriptSettings) throws(SlurmError) {
        try check(settings.tasks >= 1, "--ntasks must be at least 1, got \(settings.tasks)")
        try check(settings.cpusPerTask >= 1, "--cpus-per-task must be at least 1, got \(settings.cpusPerTask)")
        try check((settings.nodes ?? 1) >= 1, "--nodes must be at least 1, got \(settings.nodes ?? 0)")
        try check(settings.maxSegments >= 0, "--max-segments must be 0 (no limit) or more, got \(settings.maxSegments)")
        try check(!settings.jobName.isEmpty, "--job-name must not be empty")
        try check((1...SignalLead.maxSeconds).contains(settings.signalLeadSeconds),
                  "--signal-lead must be 1 to \(SignalLead.maxSeconds) seconds (Slurm's limit), got \(settings.signalLeadSeconds)")
        if let budget = settings.coreHourBudget {
            try check(budget.isFinite && budget > 0, "--core-hours must be a positive number, got \(budget)")
            try check(budget <= maxCoreHours, "--core-hours \(budget) is too large: the script counts core-seconds in 64-bit integers, so at most \(Int(maxCoreHours)) core-hours")
        }
        for (option, value) in [("mem", settings.memory), ("partition", settings.partition), ("account", settings.account),
                                ("log", settings.outputPattern)] {
            try check(value.map { !$0.isEmpty } ?? true, "--\(option) must not be empty; leave the option out to use Slurm's default")
        }
        if let limit = settings.timeLimit.seconds {
            try check(limit <= Double(Walltime.maxSlurmMinutes) * 60,
                      "the time limit of \(limit) s exceeds Slurm's largest time limit of \(Walltime.maxSlurmMinutes) minutes; give a shorter --time or UNLIMITED")
            let slurmSeconds = Walltime.slurmMinutes(forSeconds: limit) * 60
            try check(settings.signalLeadSeconds < slurmSeconds,
                      "the signal lead of \(settings.signalLeadSeconds) s is not shorter than the time limit of \(slurmSeconds / 60) min, so every segment would receive the signal as it starts; raise --time or give a smaller --signal-lead")
        }
        for (name, value) in [("simrun", settings.simrunPath), ("working directory", settings.workingDirectory), ("script", settings.scriptPath)] {
            precondition(value.hasPrefix("/"), "JobscriptSettings needs an absolute \(name) path, got '\(value)'; resolve it before rendering")
        }
        for value in [settings.simrunPath, settings.workingDirectory, settings.scriptPath, settings.checkpointPath] + settings.runArguments {
            try check(!value.contains("\0"), "the value \(value.debugDescription) contains a NUL character, which no shell argument can carry")
        }
    }

    /// Largest `--core-hours`: the budget in core-seconds must fit the
    /// script's bash arithmetic, which is 64-bit signed.
    public static let maxCoreHours = 1e15

    private static func check(_ condition: Bool, _ message: @autoclosure () -> String) throws(SlurmError) {
        if !condition {
            throw SlurmError(.invalidSetting, message())
        }
    }

    // MARK: - Blocks

    /// Returns the `#SBATCH` lines.
    static func directives(_ settings: JobscriptSettings) throws(SlurmError) -> [String] {
        var options: [(String, String?)] = [
            ("job-name", settings.jobName),
            ("time", settings.timeLimit.slurmTimeArgument),
            ("signal", "B:\(settings.signal.rawValue)@\(settings.signalLeadSeconds)"),
            ("open-mode", "append"),
            ("chdir", settings.workingDirectory),
            ("output", settings.outputPattern),
            ("dependency", "singleton"),
        ]
        if let nodes = settings.nodes {
            options.append(("nodes", String(nodes)))
        }
        options.append(("ntasks", String(settings.tasks)))
        options.append(("cpus-per-task", String(settings.cpusPerTask)))
        if let memory = settings.memory { options.append(("mem", memory)) }
        if let partition = settings.partition { options.append(("partition", partition)) }
        if let account = settings.account { options.append(("account", account)) }
        if settings.continuation == .requeue { options.append(("requeue", nil)) }

        var lines: [String] = []
        for (name, value) in options {
            if let value {
                lines.append("#SBATCH --\(name)=\(try ShellQuoting.sbatchValue(value, option: name))")
            } else {
                lines.append("#SBATCH --\(name)")
            }
        }
        return lines
    }

    /// Returns the bash assignments the template's body reads.
    static func settingsBlock(_ settings: JobscriptSettings) throws(SlurmError) -> String {
        let word = ShellQuoting.bashWord
        let launcher = settings.tasks > 1 ? ["srun", "--mpi=pmix"] : ["srun"]
        let timeLimitSeconds = settings.timeLimit.seconds.map { Walltime.slurmMinutes(forSeconds: $0) * 60 } ?? 0
        let budget = settings.coreHourBudget.map { String(Int(($0 * 3_600).rounded(.down))) } ?? ""

        let assignments: [(name: String, value: String, comment: String)] = [
            ("simrun", word(settings.simrunPath), "the simrun binary"),
            ("workdir", word(settings.workingDirectory), "working directory of every segment: relative paths are relative to it"),
            ("script", word(settings.scriptPath), "this script, submitted again for each segment"),
            ("checkpoint", word(settings.checkpointPath), "the job's checkpoint"),
            ("chain_dir", word(settings.chainDirectory), "segment count, lock, core-seconds, done and stopped markers"),
            ("run_arguments", "(" + settings.runArguments.map(word).joined(separator: " ") + ")", "'simrun run' arguments of the first segment"),
            ("launcher", "(" + launcher.joined(separator: " ") + ")", "srun --mpi=pmix for more than one task"),
            ("stop_signal", settings.signal.rawValue, "Slurm's warning signal, forwarded to simrun"),
            ("max_segments", String(settings.maxSegments), "0 means no limit"),
            ("requested_cpus", String(settings.requestedCPUs), "tasks × CPUs per task"),
            ("time_limit_seconds", String(timeLimitSeconds), "0 means no limit"),
            ("core_second_budget", budget, "empty means no limit"),
            ("continuation", settings.continuation.rawValue, "submit: sbatch a new job; requeue: scontrol requeue this one"),
        ]
        return assignments.map { "# \($0.comment)\n\($0.name)=\($0.value)" }.joined(separator: "\n")
    }
}
