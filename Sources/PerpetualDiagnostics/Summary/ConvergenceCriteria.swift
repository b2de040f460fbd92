/// Thresholds a parameter must meet to count as converged, after Vehtari et
/// al. (2021): R-hat below 1.01, bulk and tail ESS of at least 400.
public struct ConvergenceCriteria: Sendable, Equatable {
    /// A parameter fails when its R-hat is at or above this value.
    public var rhatThreshold: Double
    /// A parameter fails when its bulk or tail ESS is below this value.
    public var essThreshold: Double

    public init(rhatThreshold: Double = 1.01, essThreshold: Double = 400) {
        self.rhatThreshold = rhatThreshold
        self.essThreshold = essThreshold
    }

    /// Returns why `summary` fails the criteria, one phrase per reason; empty
    /// when it meets them. A parameter whose draws are all equal meets them,
    /// because it has no Monte Carlo error. Any other undefined R-hat or ESS
    /// (NaN draws, one chain, too few draws) fails, because convergence could
    /// not be checked.
    public func failures(of summary: ParameterSummary) -> [String] {
        if summary.isConstant { return [] }
        var reasons: [String] = []
        if let rhat = summary.rhat {
            if !(rhat < rhatThreshold) { reasons.append("R-hat \(Self.format(rhat)) ≥ \(Self.format(rhatThreshold))") }
        } else {
            reasons.append("R-hat undefined")
        }
        for (label, ess) in [("bulk ESS", summary.essBulk), ("tail ESS", summary.essTail)] {
            if let ess {
                if !(ess >= essThreshold) { reasons.append("\(label) \(Self.format(ess)) < \(Self.format(essThreshold))") }
            } else {
                reasons.append("\(label) undefined")
            }
        }
        return reasons
    }

    static func format(_ value: Double) -> String {
        if value.isInfinite { return value > 0 ? "inf" : "-inf" }
        // Beyond 1e15 a Double has no fraction digits left to round, and
        // beyond Int.max the conversion would trap.
        if value >= 1e15 { return String(format: "%.0f", value) }
        if value >= 100 { return String(Int(value.rounded())) }
        return String(format: "%.3f", value)
    }
}

import Foundation
