import Foundation

/// Effective sample size of Vehtari et al. (2021, Bayesian Analysis 16(2),
/// section 3.2), computed as ArviZ 0.23's `_ess`.
enum EffectiveSampleSize {
    /// Largest spread `max - min` at which ArviZ treats a series as constant
    /// and returns its size: numpy's `finfo(float).resolution`.
    static let constantResolution = 1e-15

    /// Returns the ESS of the chains in `matrix` (already split if wanted).
    ///
    /// With `W` the mean within-chain variance and `var⁺ = (n-1)/n W + B/n`,
    /// the autocorrelation at lag t is `ρ_t = 1 - (W - mean_c acov_c(t)) / var⁺`,
    /// with the autocovariances from ``MeanAutocovariance``.
    /// Sums of consecutive even/odd pairs are taken while positive (Geyer's
    /// initial positive sequence), then made monotone (initial monotone
    /// sequence). `τ = -1 + 2 Σ ρ_t` (plus the last positive even term),
    /// bounded below by `1/log10(M n)`, and `ESS = M n / τ`.
    static func of(_ matrix: ChainMatrix) -> Double {
        let chainCount = matrix.chainCount
        let drawCount = matrix.drawCount
        let size = Double(chainCount * drawCount)
        let spread = (matrix.values.max() ?? 0) - (matrix.values.min() ?? 0)
        if spread < constantResolution { return size }

        var covariance = MeanAutocovariance(matrix)
        let n = Double(drawCount)
        let meanVariance = covariance.at(0) * n / (n - 1.0)
        var variancePlus = meanVariance * (n - 1.0) / n
        if chainCount > 1 {
            variancePlus += SampleStatistics.variance(matrix.chainMeans(), ddof: 1)
        }
        func autocorrelation(_ lag: Int) -> Double {
            1.0 - (meanVariance - covariance.at(lag)) / variancePlus
        }

        // Geyer's initial positive sequence.
        var rho = [Double](repeating: 0, count: drawCount)
        var rhoEven = 1.0
        rho[0] = rhoEven
        var rhoOdd = autocorrelation(1)
        rho[1] = rhoOdd
        var t = 1
        while t < drawCount - 3, rhoEven + rhoOdd > 0 {
            rhoEven = autocorrelation(t + 1)
            rhoOdd = autocorrelation(t + 2)
            if rhoEven + rhoOdd >= 0 {
                rho[t + 1] = rhoEven
                rho[t + 2] = rhoOdd
            }
            t += 2
        }
        let maxLag = t - 2
        if rhoEven > 0 {
            rho[maxLag + 1] = rhoEven
        }

        // Geyer's initial monotone sequence.
        t = 1
        while t <= maxLag - 2 {
            if rho[t + 1] + rho[t + 2] > rho[t - 1] + rho[t] {
                rho[t + 1] = (rho[t - 1] + rho[t]) / 2.0
                rho[t + 2] = rho[t + 1]
            }
            t += 2
        }

        // With very short chains the loop never runs and maxLag is -1: then
        // the sum is empty and only rho[0] is added, as in ArviZ's slices.
        var tau = -1.0 + 2.0 * rho[0..<(maxLag + 1)].reduce(0, +)
        if maxLag + 1 < drawCount {
            tau += rho[maxLag + 1]
        }
        tau = max(tau, 1 / log10(size))
        if rho.contains(where: \.isNaN) { return .nan }
        return size / tau
    }
}
