import PerpetualCheckpoint

/// `simrun status PATH`: prints the newest valid checkpoint generation of a
/// job as `key=value` lines, for job scripts and people.
///
/// Keys: `path` (the generation read), `kernel`, `step`, `total_steps`,
/// `complete` (`true` or `false`), `segments`, `compute_seconds`,
/// `checkpoint_seconds`, `elapsed_seconds`. The generation is the one
/// `simrun --resume PATH` would use, so a damaged newest file falls back to
/// an older one, as on resume.
enum StatusCommand {
    static let options: [OptionSpec] = [RunOptions.help]

    static var help: String {
        """
        Usage: \(ProgramName.current) status PATH

        Prints the checkpoint that '\(ProgramName.current) --resume PATH' would continue from, as
        key=value lines: path, kernel, step, total_steps, complete, segments,
        compute_seconds, checkpoint_seconds, elapsed_seconds. Exits 65 when no
        generation at PATH can be read.

        """
    }

    /// Reads the checkpoint named by the single positional argument and
    /// returns the lines to print.
    /// - Throws: ``UsageError`` without exactly one path; ``CheckpointError``
    ///   when no generation can be read.
    static func report(_ parsed: ParsedArguments) throws -> [String] {
        guard parsed.positionals.count == 1 else {
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
        ]
    }
}
