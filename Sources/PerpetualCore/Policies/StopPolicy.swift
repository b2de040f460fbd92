/// Decides at each step boundary whether the harness takes one more step or
/// stops and writes a checkpoint.
///
/// The harness reports every measured step and checkpoint write through the
/// `record` methods, then calls ``decide(_:nextCheckpointBytes:)`` once per
/// boundary. Both run at every step, so they must be cheap and must not
/// allocate. One policy instance serves one harness.
public protocol StopPolicy: AnyObject {
    /// Records the duration of one ``Kernel/advanceStep()`` call, in seconds.
    func recordStep(seconds: Double)

    /// Records one checkpoint write: seconds from capturing the state to the
    /// sink's return, and the bytes the sink reported.
    func recordCheckpoint(seconds: Double, bytes: Int)

    /// Returns whether to stop at this boundary, given the readings of all
    /// budgets and the size of the checkpoint a stop would write now.
    func decide(_ readings: [BudgetReading], nextCheckpointBytes: Int) -> StopDecision
}

/// A stop policy's verdict at one step boundary.
public enum StopDecision: Sendable, Equatable {
    /// Take one more step.
    case proceed
    /// Stop now because of the budget at `readingIndex` in the readings passed.
    case stop(readingIndex: Int, trigger: StopTrigger)
}

/// Cause of a stop decision on one budget.
public enum StopTrigger: Sendable, Equatable {
    /// The budget itself demanded the stop: steps used up, a stop signal, or
    /// time already over.
    case demandedByBudget
    /// The used fraction of a time-like budget reached the threshold.
    case thresholdReached(threshold: Double)
    /// The seconds left are fewer than needed for one more step, a
    /// checkpoint write and the safety margin. `secondsNeeded` is that sum.
    case predictedOverrun(secondsNeeded: Double)
}

extension StopPolicy {
    /// Returns the first reading that demands an immediate stop as a
    /// decision, or `nil`. Every policy applies this rule first, so a signal
    /// or a used-up step budget stops the run whatever the time left.
    public func demandedStop(in readings: [BudgetReading]) -> StopDecision? {
        for index in readings.indices where readings[index].demandsImmediateStop {
            return .stop(readingIndex: index, trigger: .demandedByBudget)
        }
        return nil
    }
}
