import PerpetualCheckpoint
import PerpetualCore

/// The `efficiency` section of `simrun report` for a checkpoint.
enum ReportEfficiency {
    /// Returns the efficiency of the job whose checkpoint is at `path`
    /// (the generation `simrun --resume` would use), or `nil` when `path`
    /// is not a checkpoint.
    /// - Throws: ``CheckpointError`` when no generation can be read.
    static func read(path: String) throws -> RunEfficiency? {
        guard !path.lowercased().hasSuffix(".csv"), try StoredFileKind.identify(path: path) == .checkpoint else { return nil }
        let checkpoint = try CheckpointReader.loadNewestValid(path: path).checkpoint
        let mtbi = ConfigurationFile.decode(checkpoint.configuration)?["mtbi"].flatMap { try? Walltime.parse($0).seconds }
        return RunEfficiency(accounting: checkpoint.accounting, mtbiSeconds: mtbi)
    }

    /// Returns the section as text: a heading, one line for the chain and
    /// the interval, and one per segment.
    static func text(_ efficiency: RunEfficiency) -> String {
        var lines = ["efficiency"]
        lines += EfficiencyText.lines(efficiency).dropFirst().map { "  " + $0 }
        lines += efficiency.segments.map { "  segment \($0.number): " + EfficiencyText.describe($0) }
        return lines.joined(separator: "\n") + "\n"
    }
}
