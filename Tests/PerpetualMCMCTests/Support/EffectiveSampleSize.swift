import Foundation

/// Bulk effective sample size of several chains of one scalar, by Geyer's
/// initial monotone sequence estimator on the multi-chain autocorrelation
/// (Vehtari, Gelman, Simpson, Carpenter and Bürkner, 2021, without rank
/// normalisation and without splitting chains).
///
/// `draws[c][i]` is draw `i` of chain `c`; all chains have the same length.
func effectiveSampleSize(_ draws: [[Double]]) -> Double {
    let chainCount = draws.count
    let drawCount = draws[0].count
    precondition(drawCount > 3 && draws.allSatisfy { $0.count == drawCount }, "effectiveSampleSize needs equal chains of more than 3 draws")
    let n = Double(drawCount)
    let m = Double(chainCount)

    let chainMeans = draws.map { $0.reduce(0, +) / n }
    func autocovariance(chain: Int, lag: Int) -> Double {
        var sum = 0.0
        for i in 0..<(drawCount - lag) {
            sum += (draws[chain][i] - chainMeans[chain]) * (draws[chain][i + lag] - chainMeans[chain])
        }
        return sum / n
    }

    // Within-chain variance W and the pooled estimate var⁺ of the posterior variance.
    let chainVariances = (0..<chainCount).map { autocovariance(chain: $0, lag: 0) * n / (n - 1) }
    let withinVariance = chainVariances.reduce(0, +) / m
    var pooledVariance = withinVariance * (n - 1) / n
    if chainCount > 1 {
        let grandMean = chainMeans.reduce(0, +) / m
        let betweenOverN = chainMeans.reduce(0) { $0 + ($1 - grandMean) * ($1 - grandMean) } / (m - 1)
        pooledVariance += betweenOverN
    }
    func autocorrelation(_ lag: Int) -> Double {
        let meanAutocovariance = (0..<chainCount).reduce(0) { $0 + autocovariance(chain: $1, lag: lag) } / m
        return 1 - (withinVariance - meanAutocovariance) / pooledVariance
    }

    // Geyer: sum pairs Γ_k = ρ_2k + ρ_2k+1 while positive, forced to be non-increasing.
    var sumOfPairs = 0.0
    var previousPair = Double.infinity
    var lag = 0
    while lag + 1 < drawCount {
        var pair = (lag == 0 ? 1 : autocorrelation(lag)) + autocorrelation(lag + 1)
        if pair <= 0 { break }
        pair = min(pair, previousPair)
        sumOfPairs += pair
        previousPair = pair
        lag += 2
    }
    let integratedTime = max(-1 + 2 * sumOfPairs, 1 / log10(m * n))
    return m * n / integratedTime
}

/// Mean, standard deviation and Monte Carlo standard error of several chains of one scalar.
struct ScalarSummary {
    var mean: Double
    var standardDeviation: Double
    var effectiveSampleSize: Double
    var monteCarloStandardError: Double { standardDeviation / effectiveSampleSize.squareRoot() }

    init(_ draws: [[Double]]) {
        let all = draws.flatMap { $0 }
        let count = Double(all.count)
        mean = all.reduce(0, +) / count
        let mean = mean
        standardDeviation = (all.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (count - 1)).squareRoot()
        effectiveSampleSize = PerpetualMCMCTests.effectiveSampleSize(draws)
    }
}
