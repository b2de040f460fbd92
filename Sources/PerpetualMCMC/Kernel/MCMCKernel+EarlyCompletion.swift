import PerpetualCore

extension MCMCKernel: EarlyCompletionKernel {
    /// Ends the run after the current iteration, keeping the draws so far.
    /// Returns `false` during warm-up, when there is no draw to keep. The end
    /// is stored as `final_iteration` in every later state capture.
    public func completeEarly() -> Bool {
        guard completedSteps > configuration.warmup else { return false }
        finalIteration = completedSteps
        return true
    }
}
