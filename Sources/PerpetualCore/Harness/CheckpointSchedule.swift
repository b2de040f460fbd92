/// When the harness writes periodic checkpoints between the start and the
/// stop of a segment.
///
/// Periodic checkpoints bound the work lost to a crash or a hard kill. The
/// stop and final checkpoints are written regardless of the schedule.
public struct CheckpointSchedule: Sendable, Equatable {
    /// Write a checkpoint at every step count divisible by this number,
    /// counted over the whole job (so step 200, 400, … across segments), or
    /// `nil` for none.
    public var everySteps: Int?
    /// Write a checkpoint when this many seconds have passed since the last
    /// checkpoint or since the segment started, or `nil` for none.
    public var everySeconds: Double?
    /// Mean time between interruptions, in seconds, for checkpoints at
    /// Daly's optimal interval (``DalyInterval``) from the measured
    /// checkpoint cost, or `nil` for none.
    public var optimalForMTBISeconds: Double?

    /// Traps unless each given interval is greater than 0.
    public init(everySteps: Int? = nil, everySeconds: Double? = nil, optimalForMTBISeconds: Double? = nil) {
        if let optimalForMTBISeconds {
            precondition(optimalForMTBISeconds.isFinite && optimalForMTBISeconds > 0, "CheckpointSchedule optimalForMTBISeconds must be finite and > 0, got \(optimalForMTBISeconds)")
        }
        self.optimalForMTBISeconds = optimalForMTBISeconds
        if let everySteps {
            precondition(everySteps > 0, "CheckpointSchedule everySteps must be > 0, got \(everySteps)")
        }
        if let everySeconds {
            precondition(everySeconds.isFinite && everySeconds > 0, "CheckpointSchedule everySeconds must be finite and > 0, got \(everySeconds)")
        }
        self.everySteps = everySteps
        self.everySeconds = everySeconds
    }

    /// No periodic checkpoints: only the stop or final one.
    public static let never = CheckpointSchedule()

    /// Returns whether a periodic checkpoint is due at a boundary after
    /// `step` completed steps and `secondsSinceLastCheckpoint` after the last
    /// checkpoint (or the segment start).
    ///
    /// `checkpointCostSeconds` is the cost δ of one checkpoint write that
    /// Daly's interval is computed from; it matters only with
    /// ``optimalForMTBISeconds``.
    public func isDue(step: Int, secondsSinceLastCheckpoint: Double, checkpointCostSeconds: Double = 0) -> Bool {
        if let everySteps, step % everySteps == 0 {
            return true
        }
        if let interval = intervalSeconds(checkpointCostSeconds: checkpointCostSeconds), secondsSinceLastCheckpoint >= interval {
            return true
        }
        return false
    }

    /// Returns the seconds between periodic checkpoints: the shorter of
    /// ``everySeconds`` and Daly's interval for a write cost of
    /// `checkpointCostSeconds`, or `nil` when neither is set.
    public func intervalSeconds(checkpointCostSeconds: Double) -> Double? {
        let optimal = optimalForMTBISeconds.map {
            DalyInterval.optimalSeconds(checkpointSeconds: max(0, checkpointCostSeconds), mtbiSeconds: $0)
        }
        switch (everySeconds, optimal) {
        case let (fixed?, optimal?): return min(fixed, optimal)
        case let (fixed?, nil): return fixed
        case let (nil, optimal?): return optimal
        case (nil, nil): return nil
        }
    }
}
