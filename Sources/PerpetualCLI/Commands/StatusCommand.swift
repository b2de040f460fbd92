import PerpetualCheckpoint
import PerpetualCore

/// `simrun status PATH`: prints the newest valid checkpoint generation of a
/// job as `key=value` lines, for job scripts and people.
///
/// Keys: `path` (the generation read), `kernel`, `step`, `total_steps`,
/// `complete` (`true` or `false`), `segments`, `compute_seconds`,
/// `checkpoint_seconds`, `elapsed_seconds`, then the efficiency figures
/// (`core_hours`, `checkpoint_count`, `allocated_seconds`,
/// `useful_compute_seconds`, `lost_seconds`, `lost_steps`,
/// `queue_gap_seconds`, `interruptions`, `useful_fraction`,
/// `mean_checkpoint_seconds`, `mean_interval_seconds`, `mtbi_seconds`,
/// `daly_interval_seconds`, one `segment_N` per segment; `unknown` where a
/// figure cannot be computed). The generation is the one
/// `simrun --resume PATH` would use, so a damaged newest file falls back to
/// an older one, as on resume.
enum StatusCommand {
    static let options: [OptionSpec] = [RunOptions.help]

    static var help: String {
        """
        Usage: \(ProgramName.current) status PATH

        Prints the checkpoint that '\(ProgramName.current) --resume PATH' would continue from, as
        key=value lines: path, kernel, step, total_steps, complete, segments,
        compute_seconds, checkpoint_seconds, elapsed_seconds, then the chain's
        efficiency: core_hours, checkpoint_count, allocated_seconds,
        useful_compute_seconds, lost_seconds, lost_steps, queue_gap_seconds,
        interruptions, useful_fraction, mean_checkpoint_seconds,
        mean_interval_seconds, mtbi_seconds, daly_interval_seconds and one
        segment_N line per segment (see docs/budgets.md). Exits 65 when no
        generation at PATH can be read.

        """
    }

    /// Reads the checkpoint named by the single positional argument and
    /// returns the lines to print.
    /// - Throws: ``UsageError`` without exactly one path; ``CheckpointError``
    ///   when no generation can be read.
    static func report(_ parsed: ParsedArguments) throws -> [String] {
        guard parsed.positionals.count == 1, !parsed.positionals[0].isEmpty else {
            throw UsageError("'\(ProgramName.current) status' needs the checkpoint path: \(ProgramName.current) status PATH", command: "status")
        }
        let point = try CheckpointReader.loadNewestValid(path: parsed.positionals[0])
        let checkpoint = point.checkpoint
        let accounting = checkpoint.accounting
        return [
            "path=\(checkpoint.path)",
            "kernel=\(checkpoint.kernelName)",
            "step=\(checkpoint.step)",
            "total_steps=\(checkpoint.totalSteps)",
            "complete=\(checkpoint.isComplete)",
            "segments=\(accounting.segments)",
            "compute_seconds=\(accounting.computeSeconds)",
            "checkpoint_seconds=\(accounting.checkpointSeconds)",
            "elapsed_seconds=\(accounting.elapsedSeconds)",
        ] + efficiencyLines(accounting, configuration: checkpoint.configuration)
    }

    /// Returns the efficiency keys, with Daly's optimum for the `--mtbi`
    /// stored in the checkpoint's configuration when there is one.
    static func efficiencyLines(_ accounting: RunAccounting, configuration: String) -> [String] {
        let stored = ConfigurationFile.decode(configuration)
        let mtbi = stored?["mtbi"].flatMap { try? Walltime.parse($0).seconds }
        let efficiency = RunEfficiency(accounting: accounting, mtbiSeconds: mtbi)
        return EfficiencyText.statusPairs(efficiency, accounting: accounting).map { "\($0.0)=\($0.1)" }
    }
}
