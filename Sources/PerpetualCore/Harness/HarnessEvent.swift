/// Something the harness reports while it runs, for logs and progress lines.
///
/// The harness calls the events closure on its own thread, between steps,
/// and never prints.
public enum HarnessEvent: Sendable {
    /// The run began at `step` of `totalSteps`, before any budget check.
    case started(step: Int, totalSteps: Int)
    /// Periodic progress, every `progressInterval` seconds.
    case progress(HarnessProgress)
    /// A checkpoint was committed.
    case checkpointCommitted(CheckpointRecord)
    /// A budget stopped the run; the stop checkpoint comes next.
    case stopRequested(StopReason)
}

/// Cause of a checkpoint write.
public enum CheckpointTrigger: String, Sendable, Equatable {
    /// Due by the ``CheckpointSchedule``.
    case periodic
    /// A budget stopped the run.
    case stop
    /// The kernel completed its work.
    case final
}

/// One committed checkpoint as the harness saw it.
public struct CheckpointRecord: Sendable, Equatable {
    /// Completed steps in the checkpointed state.
    public var step: Int
    public var trigger: CheckpointTrigger
    public var receipt: CheckpointReceipt
    /// Seconds on the harness clock from capturing the state to the sink's
    /// return, which includes more than ``CheckpointReceipt/seconds``.
    public var seconds: Double

    public init(step: Int, trigger: CheckpointTrigger, receipt: CheckpointReceipt, seconds: Double) {
        self.step = step
        self.trigger = trigger
        self.receipt = receipt
        self.seconds = seconds
    }
}

/// A progress report of a running harness.
public struct HarnessProgress: Sendable, Equatable {
    /// Completed steps.
    public var step: Int
    public var totalSteps: Int
    /// Steps per second since the previous progress report (or the start).
    public var stepsPerSecond: Double
    /// Seconds to complete the remaining steps at ``stepsPerSecond``, or
    /// `nil` when no step was taken in the interval.
    public var etaSeconds: Double?
    /// Seconds since this segment started.
    public var segmentSeconds: Double
    /// Reading of the budget with the smallest remaining fraction, or `nil`
    /// without budgets.
    public var tightestBudget: BudgetReading?
    /// ``Kernel/progressNote`` at the time of the report.
    public var note: String?

    public init(step: Int, totalSteps: Int, stepsPerSecond: Double, etaSeconds: Double?,
                segmentSeconds: Double, tightestBudget: BudgetReading?, note: String?) {
        self.step = step
        self.totalSteps = totalSteps
        self.stepsPerSecond = stepsPerSecond
        self.etaSeconds = etaSeconds
        self.segmentSeconds = segmentSeconds
        self.tightestBudget = tightestBudget
        self.note = note
    }
}
