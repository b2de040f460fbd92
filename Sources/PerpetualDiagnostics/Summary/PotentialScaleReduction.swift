import Foundation

/// Potential scale reduction R-hat of Gelman & Rubin, in the rank-normalised
/// split form of Vehtari et al. (2021), computed as ArviZ 0.23's `_rhat` and
/// `_rhat_rank`.
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

    /// Bulk and tail R-hat: classic R-hat of the rank-normalised split
    /// chains, and of the rank-normalised split chains folded about their
    /// median (`|x - median|`). ArviZ's `rhat` reports the maximum.
    /// `splitZScores` are the rank-normalised values of `split`. `splitMedian`
    /// is the median of `split`, when the caller knows it without sorting.
    static func rankNormalized(split: ChainMatrix, splitZScores: ChainMatrix, splitMedian: Double? = nil) -> (bulk: Double, tail: Double) {
        let bulk = classic(splitZScores)
        let median = splitMedian ?? SampleQuantile.median(sorted: split.values.sorted())
        let folded = split.values.map { abs($0 - median) }
        let tail = classic(split.replacingValues(RankNormalization.zScores(folded)))
        return (bulk, tail)
    }
}
