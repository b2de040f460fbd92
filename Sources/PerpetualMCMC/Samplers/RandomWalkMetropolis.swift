#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import PerpetualCore

/// Random-walk Metropolis with a Gaussian proposal
/// `q' = q + s · diag(√v) · z`, `z ~ N(0, I)`, where `s` is the chain's
/// proposal scale (``ChainState/stepSize``) and `v` its proposal variances
/// (``ChainState/inverseMetric``). It needs no gradient.
///
/// During warm-up the kernel adapts `s` by a Robbins-Monro recursion towards
/// an acceptance rate of 0.234 (``adaptScale(of:acceptance:)``) and `v` from
/// the warm-up draws in the same windows as the NUTS metric. Both are frozen
/// after warm-up, so the sampling phase is a time-homogeneous Metropolis
/// chain.
struct RandomWalkMetropolis {
    /// Acceptance rate that the scale adaptation aims at, optimal for
    /// high-dimensional Gaussian targets (Roberts, Gelman and Gilks, 1997).
    static let targetAcceptance = 0.234

    let model: any LogDensityModel

    /// Proposal scale at the start of warm-up and after each variance
    /// update: `2.38 / √dimension`, the same source's optimal scale.
    static func initialScale(dimension: Int) -> Double {
        2.38 / Double(dimension).squareRoot()
    }

    /// Exponent of the Robbins-Monro gain `t^-0.6`.
    static let gainExponent = 0.6

    /// Updates the proposal scale after a warm-up iteration with acceptance
    /// probability `acceptance`:
    ///
    ///     log s ← log s + t^-0.6 · (acceptance - 0.234),
    ///
    /// where `t` counts iterations since the last proposal-variance update
    /// and is kept in `chain.dualAveraging.counter`. The decreasing gain
    /// makes the scale settle; the kernel resets `t` to 0 after each
    /// variance update. The last value is the scale used after warm-up.
    /// Dual averaging, as used for NUTS, does not suit here: the RWM
    /// acceptance probability is so noisy that the averaged log scale ends
    /// above the scale that accepts 23.4 %.
    static func adaptScale(of chain: inout ChainState, acceptance: Double) {
        chain.dualAveraging.counter += 1
        let gain = pow(chain.dualAveraging.counter, -gainExponent)
        chain.stepSize = exp(log(chain.stepSize) + gain * (acceptance - targetAcceptance))
    }

    /// Runs one Metropolis step of `chain`. It always draws `dimension`
    /// normals and one uniform from `rng`.
    func transition(_ chain: inout ChainState, rng: inout CounterRNG) -> TransitionStatistics {
        var proposal = chain.position
        for index in proposal.indices {
            proposal[index] += chain.stepSize * chain.inverseMetric[index].squareRoot() * rng.nextNormal()
        }
        let proposalLogDensity = model.logDensity(at: proposal)
        var logRatio = proposalLogDensity - chain.logDensity
        if logRatio.isNaN { logRatio = -.infinity }
        let acceptance = logRatio >= 0 ? 1 : exp(logRatio)

        if rng.nextUniform() < acceptance {
            chain.position = proposal
            chain.logDensity = proposalLogDensity
        }
        return TransitionStatistics(
            logDensity: chain.logDensity, acceptanceRate: acceptance, stepSize: chain.stepSize,
            treeDepth: 0, stepCount: 1, isDivergent: false, energy: -chain.logDensity)
    }
}
