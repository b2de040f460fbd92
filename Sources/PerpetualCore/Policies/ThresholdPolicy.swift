/// Stops when a time-like budget's used fraction reaches a fixed threshold.
///
/// Simple and predictable, but it wastes `1 - threshold` of every segment
/// and cannot tell whether what is left suffices for a checkpoint: with the
/// default 0.85 a 24 h segment gives up 3.6 h. Step and signal budgets stop
/// when they demand it, as with every policy.
public final class ThresholdPolicy: StopPolicy {
    /// Used fraction at which a time-like budget stops the run, in (0, 1].
    public let threshold: Double

    /// Traps unless `threshold` is in (0, 1].
    public init(threshold: Double = 0.85) {
        precondition(threshold > 0 && threshold <= 1, "ThresholdPolicy needs a threshold in (0, 1], got \(threshold)")
        self.threshold = threshold
    }

    public func recordStep(seconds: Double) {}

    public func recordCheckpoint(seconds: Double, bytes: Int) {}

    public func decide(_ readings: [BudgetReading], nextCheckpointBytes: Int) -> StopDecision {
        if let demanded = demandedStop(in: readings) {
            return demanded
        }
        for index in readings.indices where readings[index].isTimeLike && readings[index].usedFraction >= threshold {
            return .stop(readingIndex: index, trigger: .thresholdReached(threshold: threshold))
        }
        return .proceed
    }
}
