/// A test of whether a job's work is done before the kernel's last step,
/// decided from the trace rows the kernel has produced.
///
/// The harness passes every trace row of this rank to ``record(row:)``. It
/// calls ``evaluate(step:communicator:)`` at every step boundary of a
/// one-rank job, and at every collective check of a multi-rank job after
/// the ranks have agreed that none failed. When it
/// returns a message and the kernel is an ``EarlyCompletionKernel`` that
/// accepts ``EarlyCompletionKernel/completeEarly()``, the harness commits a
/// final checkpoint and returns ``HarnessOutcome/complete(_:)``.
public protocol CompletionCheck: AnyObject {
    /// Receives a trace row of this rank's kernel, in step order.
    func record(row: [Double])

    /// Returns one sentence on which criteria were met at which step when the
    /// work is done, else `nil`. With several ranks it is collective: every
    /// rank calls it at the same step, and it must return the same value on
    /// every rank.
    /// - Throws: the communicator's error when a collective call fails.
    func evaluate(step: Int, communicator: any Communicator) throws -> String?

    /// Steps from now until the next call of ``evaluate(step:communicator:)``
    /// that may do more than return `nil`, at most; `nil` when unknown. A
    /// multi-rank harness places a collective check at that step, so the
    /// check reads the same rows as in a one-rank run.
    func stepsUntilDue() -> Int?
}
