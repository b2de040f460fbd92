/// A kernel that can end its work before ``Kernel/totalSteps``, for example
/// an MCMC run that stops once its chains have converged.
///
/// The harness calls ``completeEarly()`` when its ``CompletionCheck`` reports
/// the work done, then commits a final checkpoint. Kernels that do not adopt
/// this protocol always run to their last step.
public protocol EarlyCompletionKernel: Kernel {
    /// Ends the work at the current step: afterwards ``Kernel/totalSteps``
    /// equals ``Kernel/completedSteps``, in this kernel and in any kernel
    /// restored from a state captured later, so that a resume finds the job
    /// complete. Returns `false` and changes nothing when the kernel cannot
    /// end at this step (an MCMC kernel still in warm-up).
    func completeEarly() -> Bool
}
