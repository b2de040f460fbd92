import PerpetualCore

/// A budget that ends an MCMC run once every parameter meets the
/// convergence criteria, checked every `checkInterval` steps.
///
/// At a check it calls `draws` for every draw so far (all segments, not only
/// this one), summarises each parameter with ``ParameterSummary/compute(name:matrix:chainLabels:drawLabel:)``
/// and demands a stop when ``ConvergenceCriteria/failures(of:)`` is empty for
/// all of them. Its reading is `0 / 1` steps until then and `1 / 1` after, so
/// threshold policies never stop on it early.
///
/// NOTE: a check costs a full summary (sorting and FFTs over all draws),
/// which breaks the "cheap reading" expectation of ``Budget``; choose
/// `checkInterval` so that checks stay rare against the step cost. The
/// harness still treats the stop as a checkpointed stop (exit 75), not as
/// completion: turning it into a finished job needs the kernel to accept a
/// new end, which `simrun` does not wire up yet.
public final class ConvergenceBudget: Budget {
    public let criteria: ConvergenceCriteria
    /// Steps in this segment between two checks.
    public let checkInterval: Int
    /// Minimum draws per chain before the first check.
    public let minimumDraws: Int
    private let draws: () -> [(name: String, matrix: ChainMatrix)]
    private var nextCheck: Int
    private var converged = false
    private var drawsAtLastCheck = 0
    /// Parameters that failed at the last check, with the reasons.
    public private(set) var lastFailures: [(name: String, reasons: [String])] = []

    /// - Parameters:
    ///   - draws: every draw so far, one matrix per scalar parameter, for
    ///     example from ``ChainMatrix/parameters(fromRows:schema:group:)``.
    public init(criteria: ConvergenceCriteria = ConvergenceCriteria(), checkInterval: Int, minimumDraws: Int = 100,
                draws: @escaping () -> [(name: String, matrix: ChainMatrix)]) {
        precondition(checkInterval > 0, "ConvergenceBudget needs a check interval of at least 1 step, got \(checkInterval)")
        precondition(minimumDraws >= ParameterSummary.minimumDraws, "ConvergenceBudget needs minimumDraws ≥ \(ParameterSummary.minimumDraws), got \(minimumDraws)")
        self.criteria = criteria
        self.checkInterval = checkInterval
        self.minimumDraws = minimumDraws
        self.draws = draws
        self.nextCheck = checkInterval
    }

    public func reading(at boundary: BudgetBoundary) -> BudgetReading {
        if !converged, boundary.segmentSteps >= nextCheck {
            nextCheck = boundary.segmentSteps + checkInterval
            check()
        }
        return BudgetReading(name: "convergence", unit: .steps, used: converged ? 1 : 0, limit: 1,
                             secondsLeft: nil, demandsImmediateStop: converged)
    }

    public func describeStop(_ reading: BudgetReading) -> String {
        "every parameter meets R-hat < \(criteria.rhatThreshold) and bulk and tail ESS ≥ \(criteria.essThreshold) after \(drawsAtLastCheck) draws per chain"
    }

    private func check() {
        let parameters = draws()
        guard let first = parameters.first, first.matrix.drawCount >= minimumDraws else { return }
        drawsAtLastCheck = first.matrix.drawCount
        lastFailures = parameters.compactMap { parameter in
            let summary = ParameterSummary.compute(name: parameter.name, matrix: parameter.matrix)
            let reasons = criteria.failures(of: summary)
            return reasons.isEmpty ? nil : (parameter.name, reasons)
        }
        converged = lastFailures.isEmpty
    }
}
