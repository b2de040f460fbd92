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
///
/// The copy stored in a checkpoint is taken before that checkpoint's own
/// write. Its ``checkpointSeconds`` therefore counts that write at an
/// estimate: the duration of the previous write, or a bandwidth estimate
/// for the first one. The next checkpoint of the chain stores the measured
/// time instead.
public struct RunAccounting: Sendable, Equatable {
    /// Segments (process runs) so far, including the current one.
    public var segments: Int
    /// Seconds spent inside ``Kernel/advanceStep()`` across all segments.
    public var computeSeconds: Double
    /// Seconds spent writing checkpoints across all segments.
    public var checkpointSeconds: Double
    /// Wall-clock seconds of all segments, from harness start to the last checkpoint.
    public var elapsedSeconds: Double
    /// Core-seconds charged to the chain: ranks × cores per rank × elapsed
    /// seconds, summed over all segments. Divide by 3600 for core-hours.
    public var coreSeconds: Double
    /// Checkpoints committed across all segments, the one storing this
    /// accounting included.
    public var checkpointCount: Int
    /// Measured seconds of the newest checkpoint write whose duration is
    /// known, or `nil` before the first write was measured. Seeds the stop
    /// policy and Daly's interval of the next segment.
    public var lastCheckpointSeconds: Double?
    /// Bytes of the newest committed checkpoint, or `nil` before the first.
    public var lastCheckpointBytes: Int?
    /// Segments that ended without a stop or final checkpoint (killed,
    /// crashed, node failure), detected when the next segment resumes from
    /// a periodic checkpoint.
    public var interruptions: Int
    /// One record per segment, oldest first; the last one is the current
    /// segment as of this checkpoint.
    public var segmentHistory: [SegmentRecord]

    public init(segments: Int = 1, computeSeconds: Double = 0, checkpointSeconds: Double = 0, elapsedSeconds: Double = 0,
                coreSeconds: Double = 0, checkpointCount: Int = 0, lastCheckpointSeconds: Double? = nil,
                lastCheckpointBytes: Int? = nil, interruptions: Int = 0, segmentHistory: [SegmentRecord] = []) {
        self.segments = segments
        self.computeSeconds = computeSeconds
        self.checkpointSeconds = checkpointSeconds
        self.elapsedSeconds = elapsedSeconds
        self.coreSeconds = coreSeconds
        self.checkpointCount = checkpointCount
        self.lastCheckpointSeconds = lastCheckpointSeconds
        self.lastCheckpointBytes = lastCheckpointBytes
        self.interruptions = interruptions
        self.segmentHistory = segmentHistory
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
