/// A kernel that can restore from a state it may empty as it goes.
///
/// A plain ``Kernel/restoreState(_:)`` borrows the state, so every stored
/// array stays in host memory until the restore returns, beside the
/// kernel's own copy. The peak is then twice the state. A kernel conforming to this protocol
/// removes each array from the state once it has copied it, and the peak
/// drops to the state plus about one array, when the caller passes the
/// only reference to the arrays.
public protocol StateReleasingKernel: Kernel {
    /// Restores as ``Kernel/restoreState(_:)`` does and removes the arrays
    /// it has copied from `state`. The kernel documents which entries it
    /// removes and what is left of `state` when it throws.
    func restoreState(releasing state: inout KernelState) throws
}
