/// Everything the harness hands to a checkpoint writer at a step boundary.
public struct Snapshot: Sendable {
    /// ``Kernel/kernelName`` of the kernel that produced the state.
    public var kernelName: String
    /// Steps completed when the state was captured.
    public var step: Int
    /// ``Kernel/totalSteps`` of the job.
    public var totalSteps: Int
    public var state: KernelState
    public var traceSchema: TraceSchema
    /// Trace rows produced since the previous checkpoint. Rows before
    /// `pendingTrace.firstRow` were committed by earlier checkpoints.
    public var pendingTrace: TraceBlock
    /// Time accounting of the whole job so far, across all segments.
    public var accounting: RunAccounting

    public init(kernelName: String, step: Int, totalSteps: Int, state: KernelState,
                traceSchema: TraceSchema, pendingTrace: TraceBlock, accounting: RunAccounting) {
        self.kernelName = kernelName
        self.step = step
        self.totalSteps = totalSteps
        self.state = state
        self.traceSchema = traceSchema
        self.pendingTrace = pendingTrace
        self.accounting = accounting
    }

    /// Whether the job's work is done at this snapshot.
    public var isComplete: Bool { step >= totalSteps }
}

/// Wall-clock accounting of a job across all of its segments, in seconds.
/// It is stored in every checkpoint and carried forward on resume.
public struct RunAccounting: Sendable, Equatable {
    /// Segments (process runs) so far, including the current one.
    public var segments: Int
    /// Seconds spent inside ``Kernel/advanceStep()`` across all segments.
    public var computeSeconds: Double
    /// Seconds spent writing checkpoints across all segments.
    public var checkpointSeconds: Double
    /// Wall-clock seconds of all segments, from harness start to the last checkpoint.
    public var elapsedSeconds: Double

    public init(segments: Int = 1, computeSeconds: Double = 0, checkpointSeconds: Double = 0, elapsedSeconds: Double = 0) {
        self.segments = segments
        self.computeSeconds = computeSeconds
        self.checkpointSeconds = checkpointSeconds
        self.elapsedSeconds = elapsedSeconds
    }
}

/// What a checkpoint writer reports back after a commit.
public struct CheckpointReceipt: Sendable, Equatable {
    /// Path (or other location) of the committed checkpoint.
    public var location: String
    /// Bytes written: the checkpoint file and the trace segment together.
    public var bytes: Int
    /// Bytes of the trace segment written with this checkpoint, 0 when it
    /// committed no trace rows. Part of ``bytes``.
    public var traceBytes: Int
    /// Wall-clock seconds of the whole write, from the first byte to the
    /// directory sync after the rename.
    public var seconds: Double

    /// Bytes of the checkpoint file alone: ``bytes`` minus ``traceBytes``.
    public var checkpointBytes: Int { bytes - traceBytes }

    public init(location: String, bytes: Int, traceBytes: Int = 0, seconds: Double) {
        precondition(traceBytes >= 0 && traceBytes <= bytes,
                     "traceBytes (\(traceBytes)) must lie between 0 and the bytes written (\(bytes))")
        self.location = location
        self.bytes = bytes
        self.traceBytes = traceBytes
        self.seconds = seconds
    }
}

/// Destination of the harness's checkpoints. The checkpoint layer provides
/// the HDF5 implementation; tests may provide an in-memory one.
///
/// A call either commits the whole snapshot (state and pending trace rows)
/// or throws and leaves the previous checkpoint intact.
public protocol CheckpointSink: AnyObject {
    func commit(_ snapshot: Snapshot) throws -> CheckpointReceipt
}
