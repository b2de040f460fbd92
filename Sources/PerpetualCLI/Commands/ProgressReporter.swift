import Foundation
import PerpetualCore

/// Turns harness events into log lines a person can follow.
struct ProgressReporter: Sendable {
    var logger: Logger
    /// Receives the step of every progress event on rank 0, for the lost-work
    /// figure of a killed segment; `nil` on other ranks.
    var marker: ProgressMarker?
    /// Number of the running segment, 1 for the first.
    var segment = 1

    @Sendable
    func report(_ event: HarnessEvent) {
        switch event {
        case .started(let step, let total):
            logger.info("running from step \(step) of \(total)")
        case .progress(let progress):
            logger.info(format(progress))
            if let marker, let error = marker.write(.init(segment: segment, step: progress.step, epochSeconds: RealtimeClock.epochSeconds())) {
                logger.debug("cannot write the progress marker \(marker.path), so lost work after a kill will be unknown: \(error)")
            }
        case .checkpointCommitted(let record):
            let receipt = record.receipt
            var sizes = formatBytes(receipt.checkpointBytes)
            if receipt.traceBytes > 0 {
                sizes += " (and a trace segment of \(formatBytes(receipt.traceBytes)))"
            }
            logger.info("\(record.trigger.rawValue) checkpoint at step \(record.step): \(receipt.location), \(sizes) in \(String(format: "%.3f", record.seconds)) s")
        case .stopRequested(let reason):
            logger.info("stopping: \(reason.message)")
        }
    }

    func format(_ progress: HarnessProgress) -> String {
        let percent = 100 * Double(progress.step) / Double(max(1, progress.totalSteps))
        var line = "step \(progress.step)/\(progress.totalSteps) (\(String(format: "%.1f", percent))%)"
        line += String(format: ", %.1f steps/s", progress.stepsPerSecond)
        if let eta = progress.etaSeconds { line += ", ETA \(formatDuration(eta))" }
        if let budget = progress.tightestBudget, budget.unit != .signals {
            line += ", \(budget.name) left \(String(format: "%.0f", 100 * budget.remainingFraction))%"
        }
        if let note = progress.note { line += ", \(note)" }
        return line
    }
}

/// Formats seconds as `1h02m`, `3m05s` or `4.2s`.
func formatDuration(_ seconds: Double) -> String {
    guard seconds.isFinite else { return "unknown" }
    if seconds < 60 { return String(format: "%.1fs", seconds) }
    let whole = Int(seconds.rounded())
    if whole < 3600 { return String(format: "%dm%02ds", whole / 60, whole % 60) }
    return String(format: "%dh%02dm", whole / 3600, (whole % 3600) / 60)
}

/// Formats a byte count with a binary unit.
func formatBytes(_ bytes: Int) -> String {
    let units = ["B", "KiB", "MiB", "GiB", "TiB"]
    var value = Double(bytes)
    var unit = 0
    while value >= 1024, unit < units.count - 1 {
        value /= 1024
        unit += 1
    }
    return unit == 0 ? "\(bytes) B" : String(format: "%.1f ", value) + units[unit]
}
