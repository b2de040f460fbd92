import Foundation

/// Monte Carlo standard errors of Vehtari et al. (2021), computed as ArviZ
/// 0.23's `_mcse_mean`, `_mcse_sd` and `_mcse_quantile`.
enum MonteCarloStandardError {
    /// Probabilities of the ±1 standard deviation points of a normal
    /// distribution, `Φ(∓1)`, as ArviZ writes them (7 digits).
    static let oneSigmaProbabilities = (0.1586553, 0.8413447)

    /// `sd / √ESS_mean`, with `sd` the sample standard deviation over all
    /// draws (`n - 1` denominator) and `ESS_mean` the ESS of the split chains.
    static func ofMean(_ matrix: ChainMatrix) -> Double {
        let ess = EffectiveSampleSize.of(matrix.split())
        let sd = SampleStatistics.variance(matrix.values, ddof: 1).squareRoot()
        return sd / ess.squareRoot()
    }

    /// `√(Var[s²] / (4 E[s²]))` with `s² = (x - x̄)²` and `Var[s²]` from the
    /// ESS of `s²`: the delta-method error of the standard deviation.
    static func ofStandardDeviation(_ matrix: ChainMatrix) -> Double {
        let mean = SampleStatistics.mean(matrix.values)
        let squares = matrix.map { ($0 - mean) * ($0 - mean) }
        let ess = EffectiveSampleSize.of(squares.split())
        let expectedSquare = SampleStatistics.mean(squares.values)
        let meanOfFourthPowers = SampleStatistics.mean(squares.values.lazy.map { $0 * $0 })
        let varianceOfSquares = (meanOfFourthPowers - expectedSquare * expectedSquare) / ess
        return (varianceOfSquares / expectedSquare / 4).squareRoot()
    }

    /// Half the distance between the order statistics that bound a ±1σ
    /// interval of the quantile: with `E` the ESS of the indicator
    /// `x ≤ q_p` and `a = E p + 1`, `b = E (1 - p) + 1`, the draws at sorted
    /// positions `⌊S·Beta⁻¹(0.1586553; a, b) - 1⌋` and
    /// `⌈S·Beta⁻¹(0.8413447; a, b) - 1⌉`.
    static func ofQuantile(_ matrix: ChainMatrix, sorted: [Double], probability: Double) -> Double {
        ofQuantile(sorted: sorted, probability: probability,
                   ess: EffectiveSampleSize.ofQuantile(matrix, sorted: sorted, probability: probability))
    }

    /// ``ofQuantile(_:sorted:probability:)`` with the quantile's ESS already computed.
    static func ofQuantile(sorted: [Double], probability: Double, ess: Double) -> Double {
        let a = ess * probability + 1
        let b = ess * (1 - probability) + 1
        let size = Double(sorted.count)
        let lowerPosition = BetaDistribution.quantile(oneSigmaProbabilities.0, a: a, b: b) * size - 1
        let upperPosition = BetaDistribution.quantile(oneSigmaProbabilities.1, a: a, b: b) * size - 1
        // numpy's nanmax/nanmin: a NaN position falls back to the other bound.
        let lower = lowerPosition.isNaN ? 0 : Int(max(lowerPosition, 0).rounded(.down))
        let upper = upperPosition.isNaN ? sorted.count - 1 : Int(min(upperPosition, size - 1).rounded(.up))
        return (sorted[upper] - sorted[lower]) / 2
    }
}

extension EffectiveSampleSize {
    /// ESS of the indicator `x ≤ q_p` over the split chains, where `q_p` is
    /// the `probability` quantile of all draws (ArviZ's `_ess_quantile`).
    static func ofQuantile(_ matrix: ChainMatrix, sorted: [Double], probability: Double) -> Double {
        let quantile = SampleQuantile.mquantile(sorted: sorted, probability: probability)
        return of(matrix.map { $0 <= quantile ? 1 : 0 }.split())
    }

    /// Python's `min(a, b)`: `a` unless `b < a`, so a NaN `a` stays NaN as in ArviZ.
    static func pythonMinimum(_ a: Double, _ b: Double) -> Double {
        b < a ? b : a
    }

}
