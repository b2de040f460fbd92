/// The default stop policy: stop at the last step boundary from which one
/// more step and a checkpoint write still fit into a time-like budget with a
/// safety margin to spare.
///
/// At each boundary it stops on a time-like budget when
///
///     secondsLeft < predictedStep + predictedCheckpoint + safetyMargin
///
/// The harness consults the policy at every boundary, so one step is all
/// that has to fit before the next check. Predictions are a high percentile
/// (nearest rank, 0.95 by default) of a window of recent measurements
/// rather than the mean, so that occasional slow steps are planned for.
/// Before any write was measured, a write is predicted from the checkpoint's
/// size at a deliberately low bandwidth. Step and signal budgets stop when
/// they demand it, as with every policy.
///
/// With no step measured yet, as before the first step of a fresh job, the
/// step prediction is 0 and only the margin protects the first step. The
/// harness seeds the window with the mean step time of earlier segments
/// when it resumes.
public final class PredictivePolicy: StopPolicy {
    /// Tuning of the predictions and of the safety margin.
    public struct Configuration: Sendable, Equatable {
        /// Percentile of recent step and write durations used as the
        /// prediction, in (0, 1].
        public var percentile: Double = 0.95
        /// Number of recent step durations, and of write durations, kept.
        public var windowSize: Int = 64
        /// Margin as a fraction of the budget's limit, before clamping.
        public var marginFraction: Double = 0.01
        /// Smallest margin in seconds.
        public var minimumMarginSeconds: Double = 0.25
        /// Largest margin in seconds.
        public var maximumMarginSeconds: Double = 300
        /// Bandwidth assumed for a checkpoint before one was measured, in
        /// bytes per second.
        public var assumedWriteBytesPerSecond: Double = 50e6
        /// Fixed cost assumed for a checkpoint before one was measured: file
        /// creation, `fsync`, rename and the directory sync.
        public var assumedWriteLatencySeconds: Double = 0.1

        public init() {}
    }

    public let configuration: Configuration
    private var steps: DurationWindow
    private var writes: DurationWindow
    /// Largest checkpoint recorded, in bytes.
    private var largestRecordedBytes = 0

    /// Traps when a setting is out of range, because settings come from code.
    public init(configuration: Configuration = Configuration()) {
        let settings = configuration
        precondition(settings.percentile > 0 && settings.percentile <= 1, "PredictivePolicy percentile must be in (0, 1], got \(settings.percentile)")
        precondition(settings.windowSize > 0, "PredictivePolicy windowSize must be > 0, got \(settings.windowSize)")
        precondition(settings.marginFraction >= 0, "PredictivePolicy marginFraction must be ≥ 0, got \(settings.marginFraction)")
        precondition(settings.minimumMarginSeconds >= 0 && settings.minimumMarginSeconds <= settings.maximumMarginSeconds,
                     "PredictivePolicy needs 0 ≤ minimumMarginSeconds ≤ maximumMarginSeconds, got \(settings.minimumMarginSeconds) and \(settings.maximumMarginSeconds)")
        precondition(settings.assumedWriteBytesPerSecond > 0, "PredictivePolicy assumedWriteBytesPerSecond must be > 0, got \(settings.assumedWriteBytesPerSecond)")
        precondition(settings.assumedWriteLatencySeconds >= 0, "PredictivePolicy assumedWriteLatencySeconds must be ≥ 0, got \(settings.assumedWriteLatencySeconds)")
        self.configuration = settings
        self.steps = DurationWindow(capacity: settings.windowSize)
        self.writes = DurationWindow(capacity: settings.windowSize)
    }

    // MARK: - Measurements

    public func recordStep(seconds: Double) {
        steps.add(seconds)
    }

    public func recordCheckpoint(seconds: Double, bytes: Int) {
        writes.add(seconds)
        largestRecordedBytes = max(largestRecordedBytes, bytes)
    }

    // MARK: - Predictions

    /// Returns the safety margin for a time-like budget of `limitSeconds`:
    /// 1 % of the limit, clamped to 0.25…300 s with the default settings.
    ///
    /// The margin covers what the predictions cannot: a step or write slower
    /// than any in the window, and the time between the decision and the
    /// write that is not measured. Sizing, with the defaults:
    /// - The floor of 0.25 s applies below 25 s. It absorbs a step up to
    ///   about 0.2 s slower than the window predicts, plus the unmeasured
    ///   time between the decision and the write. It is also small enough
    ///   that a 30 s budget (margin 0.3 s) still leaves 98 % usable with
    ///   millisecond steps, which the simulated policy tests check.
    /// - The 1 % share grows with the budget because long segments have long
    ///   steps, large states and writes to a shared file system that can
    ///   slow down severalfold, and because an overrun loses the segment's
    ///   work since the last checkpoint.
    /// - The cap of 300 s applies above about 8.3 h: a 24 h budget gives up
    ///   0.35 %, not 1 %. A stall longer than 5 minutes is beyond what a
    ///   margin can sensibly insure against; periodic checkpoints bound
    ///   that loss instead.
    public func safetyMargin(limitSeconds: Double) -> Double {
        let proportional = configuration.marginFraction * limitSeconds
        return min(configuration.maximumMarginSeconds, max(configuration.minimumMarginSeconds, proportional))
    }

    /// Returns the predicted duration of the next step: the configured
    /// percentile of recent steps, or 0 before any step was recorded.
    public func predictedStepSeconds() -> Double {
        steps.percentile(configuration.percentile)
    }

    /// Returns the predicted duration of a checkpoint of `bytes`.
    ///
    /// Before any write was recorded: the assumed latency plus `bytes` at the
    /// assumed bandwidth. Afterwards: the configured percentile of recent
    /// writes, plus the bytes beyond the largest recorded checkpoint at the
    /// assumed bandwidth.
    public func predictedCheckpointSeconds(bytes: Int) -> Double {
        let bandwidth = configuration.assumedWriteBytesPerSecond
        if writes.isEmpty {
            return configuration.assumedWriteLatencySeconds + Double(bytes) / bandwidth
        }
        let extraBytes = max(0, bytes - largestRecordedBytes)
        return writes.percentile(configuration.percentile) + Double(extraBytes) / bandwidth
    }

    /// Returns the seconds that must be left to take one more step and still
    /// write a checkpoint of `checkpointBytes` within a budget of
    /// `limitSeconds`.
    public func secondsNeeded(limitSeconds: Double, checkpointBytes: Int) -> Double {
        predictedStepSeconds() + predictedCheckpointSeconds(bytes: checkpointBytes) + safetyMargin(limitSeconds: limitSeconds)
    }

    // MARK: - Decision

    public func decide(_ readings: [BudgetReading], nextCheckpointBytes: Int) -> StopDecision {
        if let demanded = demandedStop(in: readings) {
            return demanded
        }

        for index in readings.indices {
            guard let secondsLeft = readings[index].secondsLeft else { continue }
            let limit = readings[index].limit
            let fixed = predictedCheckpointSeconds(bytes: nextCheckpointBytes) + safetyMargin(limitSeconds: limit)

            // The window's maximum bounds every percentile and needs no sort,
            // so far from the limit no percentile is computed.
            if secondsLeft >= steps.maximum() + fixed {
                continue
            }
            let needed = predictedStepSeconds() + fixed
            if secondsLeft < needed {
                return .stop(readingIndex: index, trigger: .predictedOverrun(secondsNeeded: needed))
            }
        }
        return .proceed
    }
}
