/// End state of a harness run that threw no error.
public enum HarnessOutcome: Sendable, Equatable {
    /// The kernel completed all its steps and the final checkpoint was
    /// committed. The receipt is `nil` only when the work was already
    /// complete at start: the harness then commits nothing new.
    case complete(CheckpointReceipt?)
    /// A budget stopped the run and a checkpoint of the state at the stop
    /// was committed; the job can resume from it.
    case stopped(StopReason, CheckpointReceipt)
    /// A ``CheckpointSpaceBudget`` rejected the checkpoint that was due (a
    /// stop, periodic or final one), so nothing was written and the run
    /// stopped. The newest checkpoint committed before, in this segment or
    /// an earlier one, is intact. The job can resume from it once the
    /// resource is available again, and repeats the steps after it. The
    /// reason's message names the resource, what is free and what is needed.
    case stoppedWithoutCheckpoint(StopReason)
}

/// The budget that stopped a run, and why.
public struct StopReason: Sendable, Equatable, CustomStringConvertible {
    /// The budget's reading at the boundary where the run stopped.
    public var reading: BudgetReading
    public var trigger: StopTrigger
    /// Completed steps when the run stopped.
    public var step: Int
    /// One sentence from ``Budget/describeStop(_:)``.
    public var message: String

    public init(reading: BudgetReading, trigger: StopTrigger, step: Int, message: String) {
        self.reading = reading
        self.trigger = trigger
        self.step = step
        self.message = message
    }

    public var description: String { "stopped at step \(step): \(message)" }
}
