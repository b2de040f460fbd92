extension Harness {
    /// Runs the ``completionCheck`` at this boundary. When it reports the work
    /// done and the kernel accepts ``EarlyCompletionKernel/completeEarly()``,
    /// commits the final checkpoint and returns the outcome; else `nil`.
    /// The outcome is a stop without a checkpoint when the disk budget
    /// rejects the write.
    ///
    /// Every rank of a multi-rank job calls this at the same step, so the
    /// check's collective calls match, and every rank receives the same
    /// result and ends at the same step.
    func completeEarlyIfDone() throws(HarnessError) -> HarnessOutcome? {
        guard let completionCheck, let kernel = kernel as? any EarlyCompletionKernel else { return nil }
        let message: String?
        do {
            message = try completionCheck.evaluate(step: kernel.completedSteps, communicator: communicator)
        } catch {
            throw HarnessError(.coordinationFailed, step: kernel.completedSteps, totalSteps: kernel.totalSteps,
                               kernelName: kernel.kernelName, underlying: error)
        }
        guard let message, kernel.completeEarly() else { return nil }
        completionMessage = message
        switch try commitCheckpoint(.final) {
        case .committed(let record): return .complete(record.receipt)
        case .rejected(let reason): return .stoppedWithoutCheckpoint(reason)
        }
    }
}
