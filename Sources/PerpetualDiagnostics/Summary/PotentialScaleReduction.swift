import Foundation

/// Potential scale reduction R-hat of Gelman & Rubin, as ArviZ 0.23's
/// `_rhat`. ``ParameterSummary`` applies it to the rank-normalised split
/// chains (bulk R-hat) and to the same chains folded about their median
/// (tail R-hat), as ArviZ's `_rhat_rank` does.
enum PotentialScaleReduction {
    /// Classic R-hat of `matrix`: `√((B/W + n - 1) / n)`, where `B` is `n`
    /// times the variance of the chain means and `W` the mean within-chain
    /// variance (both with `n - 1` / `M - 1` denominators). `+inf` when every
    /// chain is constant but the chains differ, NaN when all draws are equal.
    static func classic(_ matrix: ChainMatrix) -> Double {
        let n = Double(matrix.drawCount)
        let chainVariances = (0..<matrix.chainCount).map { SampleStatistics.variance(matrix.chain($0), ddof: 1) }
        let between = n * SampleStatistics.variance(matrix.chainMeans(), ddof: 1)
        let within = SampleStatistics.mean(chainVariances)
        return ((between / within + n - 1) / n).squareRoot()
    }
}
