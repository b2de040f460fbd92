/// A failure that ended a harness run: the kernel threw from a step, the
/// checkpoint sink threw from a commit, or the ranks of a multi-rank job
/// could not communicate.
///
/// Either way the last committed checkpoint is intact, because a sink that
/// throws leaves it untouched; work since then is lost. The command-line
/// tool maps this to exit code 1, or to the code of the underlying error.
public struct HarnessError: Error, CustomStringConvertible {
    public enum Code: Sendable, Equatable {
        /// ``Kernel/advanceStep()`` threw.
        case kernelStepFailed
        /// ``CheckpointSink/commit(_:)`` threw.
        case checkpointCommitFailed
        /// A collective operation of the stop decision threw (MPI failure).
        case coordinationFailed
    }

    public var code: Code
    /// Completed steps when the failure happened: the failing step is
    /// `step + 1` for ``Code/kernelStepFailed``, and the checkpoint that
    /// failed was of the state after `step` steps.
    public var step: Int
    public var totalSteps: Int
    public var kernelName: String
    /// The error that the kernel or the sink threw.
    public var underlying: any Error

    public init(_ code: Code, step: Int, totalSteps: Int, kernelName: String, underlying: any Error) {
        self.code = code
        self.step = step
        self.totalSteps = totalSteps
        self.kernelName = kernelName
        self.underlying = underlying
    }

    public var description: String {
        switch code {
        case .kernelStepFailed:
            "kernel '\(kernelName)' failed in step \(step + 1) of \(totalSteps): \(underlying). "
                + "Work since the last checkpoint is lost; fix the cause and resume from that checkpoint."
        case .checkpointCommitFailed:
            "checkpoint commit failed at step \(step) of \(totalSteps) for kernel '\(kernelName)': \(underlying). "
                + "The previous checkpoint is intact; check the checkpoint directory (free space, permissions) and resume from it."
        case .coordinationFailed:
            "the ranks of kernel '\(kernelName)' could not agree on the stop decision at step \(step) of \(totalSteps): \(underlying). "
                + "Work since the last checkpoint is lost; check the MPI environment and resume from that checkpoint."
        }
    }
}
