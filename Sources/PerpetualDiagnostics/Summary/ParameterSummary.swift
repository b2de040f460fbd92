/// Summary statistics and convergence diagnostics of one scalar parameter,
/// with the definitions ArviZ 0.23's `summary`, `rhat`, `ess` and `mcse` use.
///
/// A value is `nil` when it is undefined for this input (see ``notes``).
/// `+inf` is a real result: the R-hat of chains that are constant at
/// different values.
public struct ParameterSummary: Sendable, Equatable {
    /// Name as ArviZ labels it, for example `mu` or `theta[3]`.
    public var name: String
    public var chainCount: Int
    /// Draws per chain.
    public var drawCount: Int

    /// Mean over all draws of all chains.
    public var mean: Double?
    /// Standard deviation over all draws (`n - 1` denominator).
    public var sd: Double?
    public var median: Double?
    /// 5 % quantile (type 7: linear interpolation between order statistics).
    public var quantile05: Double?
    /// 95 % quantile (type 7).
    public var quantile95: Double?

    public var mcseMean: Double?
    public var mcseSD: Double?
    public var mcseMedian: Double?
    public var mcseQuantile05: Double?
    public var mcseQuantile95: Double?

    /// Rank-normalised split R-hat: the maximum of ``rhatBulk`` and ``rhatTail``.
    public var rhat: Double?
    /// R-hat of the rank-normalised split chains.
    public var rhatBulk: Double?
    /// R-hat of the rank-normalised split chains folded about the median.
    public var rhatTail: Double?
    /// ESS of the rank-normalised split chains.
    public var essBulk: Double?
    /// The smaller ESS of the 5 % and 95 % quantile indicators.
    public var essTail: Double?

    public var notes: [DiagnosticNote]

    public init(name: String, chainCount: Int, drawCount: Int) {
        self.name = name
        self.chainCount = chainCount
        self.drawCount = drawCount
        self.notes = []
    }

    /// Whether all draws of all chains are equal, so that the parameter has
    /// no Monte Carlo error to assess.
    public var isConstant: Bool { notes.contains { $0.kind == .constant } }
}
