/// A budget defined by a closure that returns the share of some limit used,
/// for limits the harness cannot measure itself: an API quota, licence
/// seats or tokens, an allocation tracked by a site's accounting service.
///
/// The closure returns usage as a fraction: 0 is nothing used, 1 the whole
/// limit. The budget demands a stop at the first step boundary where usage
/// reaches ``threshold``. The harness then checkpoints and the run exits
/// as after any other budget stop. The closure runs at most once every
/// ``sampleInterval`` seconds of the harness clock, and the last value is
/// reused in between, so it may do slow work such as reading a file.
///
/// ```swift
/// let licences = CustomBudget(name: "licence tokens", sampleInterval: 5) {
///     Double(tokensUsed()) / Double(tokensGranted)
/// }
/// ```
public final class CustomBudget: Budget {
    /// Name in logs and stop messages.
    public let name: String
    /// Usage at which the budget demands a stop, in (0, 1].
    public let threshold: Double
    /// Seconds between two calls of the closure.
    public let sampleInterval: Double
    let usage: () -> Double

    private var sampleTime = -Double.infinity
    private var lastUsage = 0.0

    /// Creates the budget. Traps unless `name` is not empty, `threshold` is
    /// in (0, 1] and `sampleInterval` ≥ 0. The closure must return a
    /// number, not NaN; values below 0 count as 0 and values above 1 as
    /// exhausted.
    public init(name: String, threshold: Double = 1, sampleInterval: Double = 1, usage: @escaping () -> Double) {
        precondition(!name.isEmpty, "CustomBudget needs a name for logs")
        precondition(threshold > 0 && threshold <= 1, "CustomBudget '\(name)' needs a threshold in (0, 1], got \(threshold)")
        precondition(sampleInterval >= 0, "CustomBudget '\(name)' needs a sample interval ≥ 0 seconds, got \(sampleInterval)")
        self.name = name
        self.threshold = threshold
        self.sampleInterval = sampleInterval
        self.usage = usage
    }

    public func reading(at boundary: BudgetBoundary) -> BudgetReading {
        if boundary.now - sampleTime >= sampleInterval {
            sampleTime = boundary.now
            let value = usage()
            precondition(!value.isNaN, "the usage closure of CustomBudget '\(name)' returned NaN; return a fraction in 0…1")
            lastUsage = max(0, value)
        }
        return BudgetReading(name: name, unit: .fraction, used: lastUsage, limit: 1, secondsLeft: nil,
                             demandsImmediateStop: lastUsage >= threshold)
    }

    public func describeStop(_ reading: BudgetReading) -> String {
        let percent = Int((100 * reading.used).rounded())
        let thresholdPercent = Int((100 * threshold).rounded())
        return "budget '\(name)' used: \(percent) % of its limit (threshold \(thresholdPercent) %)"
    }
}
