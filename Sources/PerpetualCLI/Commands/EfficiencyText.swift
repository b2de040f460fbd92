import Foundation
import PerpetualCore

/// The efficiency figures of a job chain as log lines, `simrun status`
/// keys and the `efficiency` object of `simrun report --json`.
enum EfficiencyText {
    /// Returns one line for the last segment, one for the chain and one
    /// comparing the checkpoint interval with Daly's optimum.
    static func lines(_ efficiency: RunEfficiency) -> [String] {
        var lines: [String] = []
        if let segment = efficiency.segments.last {
            lines.append("segment \(segment.number): " + describe(segment))
        }
        lines.append(describeChain(efficiency))
        lines.append(describeInterval(efficiency))
        return lines
    }

    /// Returns the figures of one segment in one clause list.
    static func describe(_ segment: RunEfficiency.Segment) -> String {
        var parts = ["allocated \(formatDuration(segment.allocatedSeconds))",
                     "compute \(formatDuration(segment.computeSeconds))\(percent(segment.computeSeconds, of: segment.allocatedSeconds))",
                     "\(counted(segment.checkpoints, "checkpoint")) in \(formatDuration(segment.checkpointSeconds))"]
        if segment.wasInterrupted {
            parts.append(segment.lostSteps.map { "lost \($0) steps (\(formatDuration(segment.lostSeconds ?? 0)))" }
                ?? "ended without a stop checkpoint (killed, or still running), lost work unknown")
        }
        if let gap = segment.queueGapSeconds {
            parts.append("queue gap before it \(formatDuration(gap))")
        }
        return parts.joined(separator: ", ")
    }

    private static func describeChain(_ efficiency: RunEfficiency) -> String {
        var text = "chain of \(counted(efficiency.segments.count, "segment")): allocated \(formatDuration(efficiency.allocatedSeconds))"
        text += ", useful compute \(formatDuration(efficiency.usefulComputeSeconds))\(percent(efficiency.usefulComputeSeconds, of: efficiency.allocatedSeconds))"
        text += ", checkpoint time \(formatDuration(efficiency.checkpointSeconds))\(percent(efficiency.checkpointSeconds, of: efficiency.allocatedSeconds)) in \(counted(efficiency.checkpointCount, "write"))"
        text += ", lost work \(formatDuration(efficiency.lostSeconds)) (\(efficiency.lostSteps) steps recomputed)"
        if efficiency.segmentsWithUnknownLoss > 0 {
            text += " plus \(counted(efficiency.segmentsWithUnknownLoss, "segment")) with unknown loss"
        }
        text += ", queue gaps \(formatDuration(efficiency.queueGapSeconds)), interruptions \(efficiency.interruptions)"
        return text
    }

    private static func describeInterval(_ efficiency: RunEfficiency) -> String {
        guard let delta = efficiency.meanCheckpointSeconds, let interval = efficiency.meanIntervalSeconds else {
            return "checkpoint interval: no checkpoint written yet"
        }
        let actual = "checkpoint interval: \(formatDuration(interval)) of compute per checkpoint, mean write \(formatDuration(delta))"
        guard let daly = efficiency.dalyIntervalSeconds, let mtbi = efficiency.mtbiSeconds else {
            return actual + "; Daly's optimum needs a mean time between interruptions: give --mtbi"
        }
        let source = efficiency.mtbiSource == .given ? "--mtbi" : "the chain's interruptions"
        return actual + "; Daly's optimum \(formatDuration(daly)) for a mean time between interruptions of \(formatDuration(mtbi)) (from \(source))"
    }

    /// Returns `key=value` pairs for `simrun status`.
    static func statusPairs(_ efficiency: RunEfficiency, accounting: RunAccounting) -> [(String, String)] {
        var pairs: [(String, String)] = [
            ("core_hours", "\(accounting.coreSeconds / 3600)"),
            ("checkpoint_count", "\(efficiency.checkpointCount)"),
            ("allocated_seconds", "\(efficiency.allocatedSeconds)"),
            ("useful_compute_seconds", "\(efficiency.usefulComputeSeconds)"),
            ("lost_seconds", "\(efficiency.lostSeconds)"),
            ("lost_steps", "\(efficiency.lostSteps)"),
            ("segments_with_unknown_loss", "\(efficiency.segmentsWithUnknownLoss)"),
            ("queue_gap_seconds", "\(efficiency.queueGapSeconds)"),
            ("interruptions", "\(efficiency.interruptions)"),
        ]
        pairs.append(("useful_fraction", efficiency.usefulFraction.map { "\($0)" } ?? "unknown"))
        pairs.append(("mean_checkpoint_seconds", efficiency.meanCheckpointSeconds.map { "\($0)" } ?? "unknown"))
        pairs.append(("mean_interval_seconds", efficiency.meanIntervalSeconds.map { "\($0)" } ?? "unknown"))
        pairs.append(("mtbi_seconds", efficiency.mtbiSeconds.map { "\($0)" } ?? "unknown"))
        pairs.append(("daly_interval_seconds", efficiency.dalyIntervalSeconds.map { "\($0)" } ?? "unknown"))
        for segment in efficiency.segments {
            pairs.append(("segment_\(segment.number)", describe(segment)))
        }
        return pairs
    }

    /// Returns the fields of the `efficiency` JSON object; unknown values are `null`.
    static func jsonFields(_ efficiency: RunEfficiency) -> [(String, String)] {
        let segments = efficiency.segments.map { segment in
            ReportJSON.object([
                ("segment", String(segment.number)),
                ("allocated_seconds", ReportJSON.number(segment.allocatedSeconds)),
                ("compute_seconds", ReportJSON.number(segment.computeSeconds)),
                ("checkpoint_seconds", ReportJSON.number(segment.checkpointSeconds)),
                ("checkpoints", String(segment.checkpoints)),
                ("lost_seconds", ReportJSON.number(segment.lostSeconds)),
                ("lost_steps", segment.lostSteps.map(String.init) ?? "null"),
                ("queue_gap_seconds", ReportJSON.number(segment.queueGapSeconds)),
                ("interrupted", segment.wasInterrupted ? "true" : "false"),
            ])
        }
        return [
            ("allocated_seconds", ReportJSON.number(efficiency.allocatedSeconds)),
            ("compute_seconds", ReportJSON.number(efficiency.computeSeconds)),
            ("useful_compute_seconds", ReportJSON.number(efficiency.usefulComputeSeconds)),
            ("useful_fraction", ReportJSON.number(efficiency.usefulFraction)),
            ("checkpoint_seconds", ReportJSON.number(efficiency.checkpointSeconds)),
            ("checkpoint_count", String(efficiency.checkpointCount)),
            ("lost_seconds", ReportJSON.number(efficiency.lostSeconds)),
            ("lost_steps", String(efficiency.lostSteps)),
            ("segments_with_unknown_loss", String(efficiency.segmentsWithUnknownLoss)),
            ("queue_gap_seconds", ReportJSON.number(efficiency.queueGapSeconds)),
            ("interruptions", String(efficiency.interruptions)),
            ("mean_checkpoint_seconds", ReportJSON.number(efficiency.meanCheckpointSeconds)),
            ("mean_interval_seconds", ReportJSON.number(efficiency.meanIntervalSeconds)),
            ("mtbi_seconds", ReportJSON.number(efficiency.mtbiSeconds)),
            ("mtbi_source", efficiency.mtbiSource.map { ReportJSON.string($0.rawValue) } ?? "null"),
            ("daly_interval_seconds", ReportJSON.number(efficiency.dalyIntervalSeconds)),
            ("segments", ReportJSON.array(segments)),
        ]
    }

    /// Returns `1 write` or `3 writes`.
    private static func counted(_ count: Int, _ noun: String) -> String {
        count == 1 ? "1 \(noun)" : "\(count) \(noun)s"
    }

    /// Returns ` (12.3 %)`, or nothing when `whole` is 0.
    private static func percent(_ part: Double, of whole: Double) -> String {
        guard whole > 0 else { return "" }
        return String(format: " (%.1f %%)", 100 * part / whole)
    }
}
