/// A walltime limit for the current segment, measured on the harness clock.
///
/// It demands an immediate stop only once the limit has passed. Stopping
/// early enough to write a checkpoint before the limit is the stop policy's
/// work: ``PredictivePolicy`` and ``ThresholdPolicy`` read ``BudgetReading/secondsLeft``.
public struct WalltimeBudget: Budget, Sendable {
    /// Seconds allowed from ``start``.
    public let limitSeconds: Double
    /// Instant the limit counts from, on the clock passed to the harness.
    public let start: Double

    /// Creates a budget of `limitSeconds` from `start`, an instant of the
    /// harness's clock, for example the clock's time when the job started.
    /// Traps when the limit is not finite and greater than 0, because the
    /// caller should have parsed it with ``Walltime/parse(_:)``.
    public init(limitSeconds: Double, start: Double) {
        precondition(limitSeconds.isFinite && limitSeconds > 0, "WalltimeBudget needs a finite limit > 0 seconds, got \(limitSeconds)")
        precondition(start.isFinite, "WalltimeBudget needs a finite start instant, got \(start)")
        self.limitSeconds = limitSeconds
        self.start = start
    }

    public func reading(at boundary: BudgetBoundary) -> BudgetReading {
        let used = boundary.now - start
        let left = limitSeconds - used
        return BudgetReading(name: "walltime", unit: .seconds, used: used, limit: limitSeconds,
                             secondsLeft: left, demandsImmediateStop: left <= 0)
    }

    public func describeStop(_ reading: BudgetReading) -> String {
        let left = reading.secondsLeft ?? 0
        return "walltime budget of \(formatSeconds(limitSeconds)) s nearly used: \(formatSeconds(left)) s left after \(formatSeconds(reading.used)) s"
    }
}

/// Formats seconds with millisecond resolution for messages.
func formatSeconds(_ seconds: Double) -> String {
    let milliseconds = (seconds * 1000).rounded()
    guard milliseconds.magnitude < 1e15 else { return "\(seconds)" }
    let whole = Int(milliseconds)
    let sign = whole < 0 ? "-" : ""
    let magnitude = whole.magnitude
    let fraction = String(magnitude % 1000)
    return "\(sign)\(magnitude / 1000).\(String(repeating: "0", count: 3 - fraction.count))\(fraction)"
}
