import PerpetualCore

/// Ends an MCMC run once every posterior parameter meets the convergence
/// criteria: rank-normalised split R-hat below the threshold and bulk and
/// tail ESS at or above it, as ``ConvergenceCriteria`` defines them.
///
/// It keeps every trace row so far, including the rows of earlier segments
/// passed to the initialiser. It assesses them at fixed draw counts per
/// chain: the first at ``minimumDraws``, each next one ``checkInterval``
/// draws later or at 10 % more draws, whichever is more
/// (``nextCheck(after:interval:)``). Because the
/// counts depend only on these settings, a job stops at the same draw
/// whether it ran in one segment or resumed, on one rank or several. A
/// parameter whose draws are all equal counts as converged, as in
/// ``ConvergenceCriteria/failures(of:)``.
///
/// With several ranks the check runs on the gathered draws: at each check
/// every rank sends its rows since the last check to rank 0, which assembles
/// whole rows with ``TraceSchema/assembleRows(_:rowCount:)``, assesses them
/// and broadcasts the decision. Per-rank statistics cannot be reduced instead,
/// because rank normalisation ranks the draws of all chains together and
/// R-hat and ESS need the between-chain variance.
///
/// NOTE: an assessment sorts all draws of each parameter and runs FFTs over
/// them, so its cost grows with the draws, and rank 0 holds every row in
/// memory (the size of the trace). The cost is amortised three ways. Checks
/// are spaced geometrically, so all checks of a run cost at most about
/// `1 / (1 - 1/1.1) = 11` assessments of the final draws. An
/// assessment computes R-hat, bulk ESS and tail ESS only, not the MCSEs. It
/// stops at the first failing parameter, starting with the one that failed
/// last time. The stop policy does not predict the time of a check, so a
/// walltime budget can be overrun by up to one check under MPI, where the
/// stop decision of a boundary comes before its check.
public final class ConvergenceCheck: CompletionCheck {
    public let criteria: ConvergenceCriteria
    /// Draws per chain between two checks, at least; see ``nextCheck(after:interval:)``.
    public let checkInterval: Int
    /// Draws per chain before the first check.
    public let minimumDraws: Int
    /// Layout of the whole trace rows.
    public let schema: TraceSchema

    /// Whole trace rows so far; on rank 0 only when there are several ranks.
    private var rows: [Double]
    /// Rows moved into ``rows`` so far, counted on every rank.
    private var assembledRowCount: Int
    /// This rank's rows since the last check.
    private var pending: [Double] = []
    private var pendingRowCount = 0
    private var nextCheck: Int
    /// Index of the parameter that failed at the last check, assessed first next time.
    private var firstToAssess = 0

    /// The parameter that failed at the last check on rank 0, with the
    /// reasons; empty after a check that passed. An assessment stops at the
    /// first failing parameter, so at most one is listed.
    public private(set) var lastFailures: [(name: String, reasons: [String])] = []
    /// Draws per chain at the last check, or 0 before the first.
    public private(set) var drawsAtLastCheck = 0
    /// Checks run so far in this process.
    public private(set) var checkCount = 0

    /// - Parameters:
    ///   - schema: Layout of the whole trace rows; its `posterior` variables
    ///     with a leading `chain` dimension are assessed.
    ///   - checkInterval: Draws per chain between two checks, at least 1.
    ///   - minimumDraws: Draws per chain before the first check, at least 4.
    ///   - committedRowCount: Rows committed by earlier segments, on every rank.
    ///   - committedRows: Those rows, whole, on rank 0 (or the only rank);
    ///     empty on the other ranks.
    public init(schema: TraceSchema, criteria: ConvergenceCriteria = ConvergenceCriteria(), checkInterval: Int,
                minimumDraws: Int = 100, committedRowCount: Int = 0, committedRows: [Double] = []) {
        precondition(checkInterval > 0, "ConvergenceCheck needs a check interval of at least 1 draw, got \(checkInterval)")
        precondition(minimumDraws >= ParameterSummary.minimumDraws,
                     "ConvergenceCheck needs minimumDraws ≥ \(ParameterSummary.minimumDraws), got \(minimumDraws)")
        precondition(committedRows.isEmpty || committedRows.count == committedRowCount * schema.rowLength,
                     "ConvergenceCheck was given \(committedRows.count) committed values for \(committedRowCount) rows of \(schema.rowLength)")
        self.schema = schema
        self.criteria = criteria
        self.checkInterval = checkInterval
        self.minimumDraws = minimumDraws
        self.rows = committedRows
        self.assembledRowCount = committedRowCount
        // Checks at or before the committed draws ran in an earlier segment,
        // before its checkpoint, and failed there.
        var due = minimumDraws
        while due <= committedRowCount {
            due = Self.nextCheck(after: due, interval: checkInterval)
        }
        self.nextCheck = due
    }

    /// Draw count per chain of the check after one at `draws`: `draws +
    /// interval` or `⌈1.1 · draws⌉`, whichever is larger.
    public static func nextCheck(after draws: Int, interval: Int) -> Int {
        max(draws + interval, (draws * 11 + 9) / 10)
    }

    public func record(row: [Double]) {
        pending.append(contentsOf: row)
        pendingRowCount += 1
    }

    /// Assesses the draws when a check is due; see the type's description.
    /// Collective with several ranks: a gather and a broadcast from rank 0
    /// at each check, none between checks.
    public func evaluate(step: Int, communicator: any Communicator) throws -> String? {
        guard assembledRowCount + pendingRowCount >= nextCheck else { return nil }
        try collectPendingRows(communicator)
        let draws = assembledRowCount
        drawsAtLastCheck = draws
        checkCount += 1
        while nextCheck <= draws {
            nextCheck = Self.nextCheck(after: nextCheck, interval: checkInterval)
        }

        var message: String?
        if communicator.isRoot {
            message = assess(step: step)
        }
        guard communicator.size > 1 else { return message }
        let answer = try communicator.broadcast(Array((message ?? "").utf8), root: 0)
        return answer.isEmpty ? nil : String(decoding: answer, as: UTF8.self)
    }

    /// Rows still to come before the next check; every step adds at most one.
    public func stepsUntilDue() -> Int? {
        max(1, nextCheck - assembledRowCount - pendingRowCount)
    }

    /// Moves the pending rows into ``rows``: directly with one rank, else
    /// gathered on rank 0 and assembled into whole rows.
    private func collectPendingRows(_ communicator: any Communicator) throws {
        if communicator.size == 1 {
            rows.append(contentsOf: pending)
        } else {
            let bytes = pending.withUnsafeBytes { Array($0) }
            if let blocks = try communicator.gather(bytes, root: 0) {
                let values = blocks.map { block in
                    block.withUnsafeBytes { Array($0.assumingMemoryBound(to: Double.self)) }
                }
                rows.append(contentsOf: schema.assembleRows(values, rowCount: pendingRowCount))
            }
        }
        assembledRowCount += pendingRowCount
        pending.removeAll(keepingCapacity: true)
        pendingRowCount = 0
    }

    /// Returns the completion sentence when every parameter meets the
    /// criteria, else `nil` with ``lastFailures`` set to the first failure.
    private func assess(step: Int) -> String? {
        let parameters = ChainMatrix.parameters(fromRows: rows, schema: schema)
        guard !parameters.isEmpty else { return nil }
        var summaries: [ParameterSummary] = []
        for offset in parameters.indices {
            let index = (firstToAssess + offset) % parameters.count
            let parameter = parameters[index]
            let summary = ParameterSummary.compute(name: parameter.name, matrix: parameter.matrix, standardErrors: false)
            let reasons = criteria.failures(of: summary)
            if !reasons.isEmpty {
                lastFailures = [(parameter.name, reasons)]
                firstToAssess = index
                return nil
            }
            summaries.append(summary)
        }
        lastFailures = []
        return describeConvergence(summaries, step: step)
    }

    /// Returns one sentence with the extreme value of each criterion and its parameter.
    private func describeConvergence(_ summaries: [ParameterSummary], step: Int) -> String {
        let checked = summaries.filter { !$0.isConstant }
        let rhatText = ConvergenceCriteria.format(criteria.rhatThreshold)
        let essText = ConvergenceCriteria.format(criteria.essThreshold)
        var parts: [String] = []
        if let worst = checked.max(by: { ($0.rhat ?? 0) < ($1.rhat ?? 0) }), let rhat = worst.rhat {
            parts.append("R-hat < \(rhatText) (largest \(ConvergenceCriteria.format(rhat)), \(worst.name))")
        }
        if let worst = checked.min(by: { ($0.essBulk ?? 0) < ($1.essBulk ?? 0) }), let ess = worst.essBulk {
            parts.append("bulk ESS ≥ \(essText) (smallest \(ConvergenceCriteria.format(ess)), \(worst.name))")
        }
        if let worst = checked.min(by: { ($0.essTail ?? 0) < ($1.essTail ?? 0) }), let ess = worst.essTail {
            parts.append("tail ESS ≥ \(essText) (smallest \(ConvergenceCriteria.format(ess)), \(worst.name))")
        }
        let criteriaText = parts.isEmpty ? "the criteria because every parameter is constant" : parts.joined(separator: ", ")
        return "converged at draw \(drawsAtLastCheck) of each chain (step \(step)): all \(summaries.count) parameters meet \(criteriaText)"
    }
}
