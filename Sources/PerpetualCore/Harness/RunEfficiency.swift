/// The use of a job chain's allocation, computed from its ``RunAccounting``:
/// per segment and for the whole chain, with Daly's optimal checkpoint
/// interval for comparison.
///
/// All times are seconds. A segment's allocated time runs from its
/// harness's start to its last checkpoint, plus the work a kill lost after
/// that checkpoint when known. The time to load the resumed checkpoint
/// before the harness starts is not counted. Useful compute is compute time
/// minus the lost work that a later segment had to recompute.
public struct RunEfficiency: Sendable, Equatable {
    /// Figures of one segment.
    public struct Segment: Sendable, Equatable {
        /// 1 for the first segment of the chain.
        public var number: Int
        public var allocatedSeconds: Double
        public var computeSeconds: Double
        public var checkpointSeconds: Double
        public var checkpoints: Int
        /// Work past the last checkpoint lost to a kill, `nil` when unknown.
        public var lostSeconds: Double?
        /// Steps past the last checkpoint lost to a kill, `nil` when unknown.
        public var lostSteps: Int?
        /// Seconds between the end of the previous segment and this one's
        /// start, mostly spent in the batch queue; `nil` for the first.
        public var queueGapSeconds: Double?
        /// Whether the segment ended without a stop or final checkpoint.
        public var wasInterrupted: Bool
    }

    /// Source of the mean time between interruptions.
    public enum MTBISource: String, Sendable, Equatable {
        /// Given by the caller, as with `--mtbi`.
        case given
        /// Allocated time of the chain divided by its interruptions.
        case history
    }

    public var segments: [Segment]
    /// Allocated seconds of all segments.
    public var allocatedSeconds: Double
    public var computeSeconds: Double
    /// ``computeSeconds`` minus the known lost work.
    public var usefulComputeSeconds: Double
    public var checkpointSeconds: Double
    public var checkpointCount: Int
    /// Known lost work of all segments.
    public var lostSeconds: Double
    public var lostSteps: Int
    /// Interrupted segments whose lost work is unknown.
    public var segmentsWithUnknownLoss: Int
    public var queueGapSeconds: Double
    public var interruptions: Int
    /// Mean seconds of one checkpoint write (δ), or `nil` before the first.
    public var meanCheckpointSeconds: Double?
    /// Mean compute seconds per checkpoint: the interval the chain
    /// actually ran at, or `nil` before the first checkpoint.
    public var meanIntervalSeconds: Double?
    /// Mean time between interruptions (M), or `nil` when neither given nor
    /// estimable (no interruption so far).
    public var mtbiSeconds: Double?
    public var mtbiSource: MTBISource?
    /// Daly's optimal interval for δ and M, or `nil` without both.
    public var dalyIntervalSeconds: Double?

    /// Computes the figures of `accounting`. `mtbiSeconds`, when given and
    /// > 0, is used as M; otherwise M is estimated from the chain's
    /// interruptions.
    public init(accounting: RunAccounting, mtbiSeconds: Double? = nil) {
        segments = Self.segmentFigures(accounting.segmentHistory)
        if segments.isEmpty {
            // Checkpoints written before segment records existed.
            allocatedSeconds = accounting.elapsedSeconds
        } else {
            allocatedSeconds = segments.reduce(0) { $0 + $1.allocatedSeconds }
        }
        computeSeconds = accounting.computeSeconds
        checkpointSeconds = accounting.checkpointSeconds
        checkpointCount = accounting.checkpointCount
        lostSeconds = segments.reduce(0) { $0 + ($1.lostSeconds ?? 0) }
        lostSteps = segments.reduce(0) { $0 + ($1.lostSteps ?? 0) }
        segmentsWithUnknownLoss = segments.filter { $0.wasInterrupted && $0.lostSeconds == nil }.count
        usefulComputeSeconds = max(0, computeSeconds - lostSeconds)
        queueGapSeconds = segments.reduce(0) { $0 + ($1.queueGapSeconds ?? 0) }
        interruptions = accounting.interruptions

        meanCheckpointSeconds = checkpointCount > 0 ? checkpointSeconds / Double(checkpointCount) : nil
        meanIntervalSeconds = checkpointCount > 0 ? computeSeconds / Double(checkpointCount) : nil
        if let mtbiSeconds, mtbiSeconds > 0, mtbiSeconds.isFinite {
            self.mtbiSeconds = mtbiSeconds
            mtbiSource = .given
        } else if interruptions > 0, allocatedSeconds > 0 {
            self.mtbiSeconds = allocatedSeconds / Double(interruptions)
            mtbiSource = .history
        }
        if let delta = meanCheckpointSeconds, let mtbi = self.mtbiSeconds {
            dalyIntervalSeconds = DalyInterval.optimalSeconds(checkpointSeconds: delta, mtbiSeconds: mtbi)
        }
    }

    /// Useful compute as a share of the allocated time, or `nil` when none was allocated.
    public var usefulFraction: Double? {
        allocatedSeconds > 0 ? usefulComputeSeconds / allocatedSeconds : nil
    }

    private static func segmentFigures(_ history: [SegmentRecord]) -> [Segment] {
        var figures: [Segment] = []
        var previousEnd: Double?
        for (offset, record) in history.enumerated() {
            let lost = record.wasInterrupted ? record.lostSeconds : 0
            let end = record.endEpochSeconds + (lost ?? 0)
            let gap = previousEnd.map { max(0, record.startEpochSeconds - $0) }
            figures.append(Segment(
                number: offset + 1, allocatedSeconds: record.elapsedSeconds + (lost ?? 0),
                computeSeconds: record.computeSeconds, checkpointSeconds: record.checkpointSeconds,
                checkpoints: record.checkpoints, lostSeconds: lost,
                lostSteps: record.wasInterrupted ? record.lostSteps : 0,
                queueGapSeconds: gap, wasInterrupted: record.wasInterrupted))
            previousEnd = end
        }
        return figures
    }
}
