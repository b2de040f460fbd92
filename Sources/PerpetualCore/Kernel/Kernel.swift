/// A computation that advances in discrete steps and can be checkpointed
/// between any two of them.
///
/// The harness calls ``advanceStep()`` until ``completedSteps`` reaches
/// ``totalSteps`` or a budget says stop. Between steps it may call
/// ``captureState()``; a kernel of the same configuration that receives that
/// state through ``restoreState(_:)`` must continue exactly as the original
/// would have, bit for bit. Random numbers should therefore come from
/// ``CounterRNG`` streams derived from the step index, so that the only random
/// state to store is a key and a counter.
///
/// Kernels never print and never touch files: the harness and the checkpoint
/// layer do that.
public protocol Kernel: AnyObject {
    /// Stable kernel identifier stored in every checkpoint, for example `mcmc`.
    /// Resuming a checkpoint with another kernel name is rejected.
    var kernelName: String { get }

    /// Steps completed so far; 0 for a fresh kernel.
    var completedSteps: Int { get }

    /// Steps the whole job needs. The work is complete when
    /// `completedSteps == totalSteps`.
    var totalSteps: Int { get }

    /// Columns of the trace rows that ``advanceStep()`` returns.
    var traceSchema: TraceSchema { get }

    /// Advances by one step and returns the trace row it produced, or `nil`
    /// when this step adds no row (for example MCMC warm-up).
    func advanceStep() throws -> [Double]?

    /// Returns all state needed to continue bit-identically, including the
    /// step counter and any random-number state.
    func captureState() -> KernelState

    /// Replaces the kernel's state by a state that ``captureState()`` returned
    /// from a kernel of the same configuration.
    /// - Throws: ``KernelStateError`` when an entry is missing or malformed.
    func restoreState(_ state: KernelState) throws

    /// One short phrase on what the kernel is doing, for progress lines,
    /// for example `warm-up, step size 0.31`. `nil` when there is nothing to add.
    var progressNote: String? { get }
}

extension Kernel {
    public var progressNote: String? { nil }

    public var isComplete: Bool { completedSteps >= totalSteps }
}
