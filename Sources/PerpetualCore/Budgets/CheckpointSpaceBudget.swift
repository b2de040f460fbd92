/// A budget that the harness also checks before every checkpoint write,
/// because the write itself could exhaust the resource, as a full disk does.
///
/// When a budget rejects a checkpoint, the harness writes nothing, keeps
/// the newest committed checkpoint and ends the segment with
/// ``HarnessOutcome/stoppedWithoutCheckpoint(_:)``.
public protocol CheckpointSpaceBudget: Budget {
    /// Returns whether a checkpoint may be written at `boundary`, whose
    /// ``BudgetBoundary/nextCheckpointBytes`` is the estimated size. Called
    /// once before each commit, so it may take a fresh measurement.
    func admitCheckpoint(at boundary: BudgetBoundary) -> CheckpointAdmission
}

/// A ``CheckpointSpaceBudget``'s verdict on one checkpoint write.
public enum CheckpointAdmission: Sendable, Equatable {
    /// The checkpoint fits; write it.
    case admitted
    /// The checkpoint would not fit. The reading is the budget's state at
    /// the decision and the message one sentence for logs that names the
    /// resource, what is available and what is needed.
    case rejected(BudgetReading, message: String)
}
