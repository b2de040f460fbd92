/// Summaries of every parameter of a draw set and the verdict on the
/// convergence criteria.
public struct ConvergenceReport: Sendable {
    /// File the draws came from.
    public var source: String
    public var chainCount: Int
    /// Draws per chain after any truncation.
    public var drawCount: Int
    public var criteria: ConvergenceCriteria
    public var parameters: [ParameterSummary]
    /// Notes on the whole input (odd lengths, truncation), one sentence each.
    public var notes: [String]

    /// Summarises every parameter of `draws`.
    /// - Parameter truncate: cut chains to the shortest instead of throwing.
    /// - Throws: ``DiagnosticsError`` from ``DrawSet/matrices(truncate:)``.
    public init(draws: DrawSet, criteria: ConvergenceCriteria = ConvergenceCriteria(), truncate: Bool = false) throws {
        let matrices = try draws.matrices(truncate: truncate)
        source = draws.source
        chainCount = matrices[0].chainCount
        drawCount = matrices[0].drawCount
        self.criteria = criteria
        notes = []

        let lengths = draws.chainLengths
        if lengths.min() != lengths.max() {
            notes.append("chains had different lengths \(lengths); every chain was cut to its first \(drawCount) draws (--truncate)")
        }
        if drawCount % 2 == 1, drawCount >= ParameterSummary.minimumDraws {
            notes.append("\(drawCount) draws per chain is odd; the middle draw of each chain is left out when chains are split, as ArviZ does")
        }

        let labels = draws.drawLabels
        let drawLabel: ((Int, Int) -> String)? = labels.map { labels in { chain, draw in labels[chain][draw] } }
        parameters = zip(draws.parameters, matrices).map { parameter, matrix in
            ParameterSummary.compute(name: parameter.name, matrix: matrix, chainLabels: draws.chainLabels, drawLabel: drawLabel)
        }
    }

    /// Parameters that fail the criteria, with the reasons.
    public var failures: [(name: String, reasons: [String])] {
        parameters.compactMap { summary in
            let reasons = criteria.failures(of: summary)
            return reasons.isEmpty ? nil : (summary.name, reasons)
        }
    }

    /// Whether every parameter meets the criteria.
    public var isConverged: Bool { failures.isEmpty }
}
