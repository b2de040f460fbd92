#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A limit on the core-hours a whole job chain may use, across segments.
///
/// Core-hours are ranks × cores per rank × elapsed wall-clock hours, the
/// way batch systems charge an allocation. ``earlierCoreHours`` comes from
/// the accounting of the resumed checkpoint; this segment adds
/// ``cores`` × hours since ``start``.
///
/// The reading is time-like, in seconds of this segment. Its limit is the
/// wall-clock time the remaining core-hours buy at ``cores`` cores, so the
/// stop policy stops in time to write a checkpoint, as for walltime. Once the core-hours are
/// used up the chain must not continue: the caller reports the stop as a
/// distinct outcome instead of asking for a resubmission.
public struct CoreHoursBudget: Budget, Sendable {
    /// Core-hours the whole chain may use, greater than 0.
    public let limitCoreHours: Double
    /// Core-hours used by earlier segments of the chain.
    public let earlierCoreHours: Double
    /// Cores this segment is charged for: ranks × cores per rank.
    public let cores: Int
    /// Instant this segment's charge counts from, on the harness clock.
    public let start: Double

    /// Name of this budget's readings.
    public static let name = "core-hours"

    /// Traps unless the limit is finite and > 0, the earlier core-hours
    /// finite and ≥ 0 and `cores` ≥ 1.
    public init(limitCoreHours: Double, earlierCoreHours: Double, cores: Int, start: Double) {
        precondition(limitCoreHours.isFinite && limitCoreHours > 0, "CoreHoursBudget needs a finite limit > 0 core-hours, got \(limitCoreHours)")
        precondition(earlierCoreHours.isFinite && earlierCoreHours >= 0, "CoreHoursBudget needs earlier core-hours ≥ 0, got \(earlierCoreHours)")
        precondition(cores >= 1, "CoreHoursBudget needs at least 1 core, got \(cores)")
        self.limitCoreHours = limitCoreHours
        self.earlierCoreHours = earlierCoreHours
        self.cores = cores
        self.start = start
    }

    /// Wall-clock seconds the core-hours left at `start` buy, ≤ 0 when none are left.
    public var segmentSeconds: Double {
        (limitCoreHours - earlierCoreHours) * 3600 / Double(cores)
    }

    /// Returns the core-hours of the chain at `now` on the harness clock.
    public func usedCoreHours(at now: Double) -> Double {
        earlierCoreHours + Double(cores) * (now - start) / 3600
    }

    public func reading(at boundary: BudgetBoundary) -> BudgetReading {
        let used = boundary.now - start
        let limit = segmentSeconds
        let left = limit - used
        // A reading needs a positive limit, so an exhausted allocation gets
        // the smallest one, already used up.
        return BudgetReading(name: Self.name, unit: .seconds, used: used, limit: max(limit, Self.minimumSeconds),
                             secondsLeft: left, demandsImmediateStop: left <= 0)
    }

    public func describeStop(_ reading: BudgetReading) -> String {
        let used = usedCoreHours(at: start + reading.used)
        return "core-hours budget of the chain nearly used: \(formatHours(used)) of \(formatHours(limitCoreHours)) core-hours at \(cores) cores (\(formatHours(earlierCoreHours)) before this segment)"
    }

    /// Limit of a reading when nothing is left.
    static let minimumSeconds = 0.001
}

/// Formats core-hours for messages: two decimals, or four significant
/// digits below 1 so that small allocations do not read as 0.00.
func formatHours(_ hours: Double) -> String {
    guard hours.isFinite else { return "\(hours)" }
    let magnitude = hours.magnitude
    let decimals = magnitude >= 1 || magnitude == 0 ? 2 : min(12, 3 - Int((log10(magnitude)).rounded(.down)))
    let scale = pow(10, Double(decimals))
    let scaled = (hours * scale).rounded()
    guard scaled.magnitude < 1e15 else { return "\(hours)" }
    let whole = Int(scaled)
    let sign = whole < 0 ? "-" : ""
    let unit = Int(scale)
    let fraction = String(whole.magnitude % UInt(unit))
    return "\(sign)\(whole.magnitude / UInt(unit)).\(String(repeating: "0", count: decimals - fraction.count))\(fraction)"
}
