/// Accounting of one segment (one process run) of a job, as stored in the
/// checkpoints of the chain.
///
/// Times are wall-clock Unix times, so that the gaps between segments, which
/// a job spends in the batch queue, can be computed across processes and
/// nodes. The record of the running segment is updated at every checkpoint;
/// once the segment has ended it stays as its last checkpoint stored it.
public struct SegmentRecord: Sendable, Equatable {
    /// Unix time in seconds when the segment's harness started.
    public var startEpochSeconds: Double
    /// Unix time in seconds when the segment's last checkpoint was captured.
    public var endEpochSeconds: Double
    /// Completed steps when the segment started.
    public var startStep: Int
    /// Completed steps in the segment's last checkpoint.
    public var endStep: Int
    /// Seconds inside ``Kernel/advanceStep()`` up to the last checkpoint.
    public var computeSeconds: Double
    /// Seconds of checkpoint writes, the last one at an estimate (see
    /// ``RunAccounting``).
    public var checkpointSeconds: Double
    /// Checkpoints the segment committed.
    public var checkpoints: Int
    /// Cores charged for the segment: ranks × cores per rank.
    public var cores: Int
    /// Cause of the segment's last checkpoint. A segment whose last
    /// checkpoint is periodic ended without a stop checkpoint: it was killed
    /// or crashed, unless it is still running.
    public var lastTrigger: CheckpointTrigger?
    /// Steps past the last checkpoint that a kill lost and the next segment
    /// recomputed; 0 for a segment that stopped cleanly, `nil` when unknown.
    public var lostSteps: Int?
    /// Seconds of work past the last checkpoint that a kill lost; 0 for a
    /// segment that stopped cleanly, `nil` when unknown.
    public var lostSeconds: Double?

    public init(startEpochSeconds: Double, endEpochSeconds: Double, startStep: Int, endStep: Int,
                computeSeconds: Double = 0, checkpointSeconds: Double = 0, checkpoints: Int = 0, cores: Int = 1,
                lastTrigger: CheckpointTrigger? = nil, lostSteps: Int? = 0, lostSeconds: Double? = 0) {
        self.startEpochSeconds = startEpochSeconds
        self.endEpochSeconds = endEpochSeconds
        self.startStep = startStep
        self.endStep = endStep
        self.computeSeconds = computeSeconds
        self.checkpointSeconds = checkpointSeconds
        self.checkpoints = checkpoints
        self.cores = cores
        self.lastTrigger = lastTrigger
        self.lostSteps = lostSteps
        self.lostSeconds = lostSeconds
    }

    /// Wall-clock seconds from the start to the last checkpoint.
    public var elapsedSeconds: Double { max(0, endEpochSeconds - startEpochSeconds) }

    /// Whether the segment ended without a stop or final checkpoint.
    public var wasInterrupted: Bool { lastTrigger == nil || lastTrigger == .periodic }
}
