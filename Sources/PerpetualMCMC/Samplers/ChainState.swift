/// Everything one chain carries from one iteration to the next.
///
/// The same fields serve both samplers: for random-walk Metropolis
/// `stepSize` is the proposal scale and `inverseMetric` the diagonal of the
/// proposal covariance before scaling, and `gradient` stays zero.
struct ChainState: Equatable, Sendable {
    /// Current point on the unconstrained space.
    var position: [Double]
    /// Log density at `position`.
    var logDensity: Double
    /// Gradient of the log density at `position` (NUTS only).
    var gradient: [Double]
    /// NUTS leapfrog step size, or the random-walk proposal scale.
    var stepSize: Double
    var dualAveraging: DualAveraging
    /// Diagonal of the inverse metric (NUTS) or of the unscaled proposal covariance (RWM).
    var inverseMetric: [Double]
    /// Draws of the current slow warm-up window.
    var varianceEstimator: WelfordVariance

    var dimension: Int { position.count }
}

/// Per-iteration statistics of one chain, written to the `sample_stats` group.
struct TransitionStatistics: Equatable, Sendable {
    /// Log density of the draw.
    var logDensity: Double
    /// NUTS: mean Metropolis acceptance probability over the trajectory.
    /// RWM: acceptance probability of the proposal.
    var acceptanceRate: Double
    /// Step size (NUTS) or proposal scale (RWM) used by this iteration.
    var stepSize: Double
    var treeDepth: Int
    /// Leapfrog steps (NUTS) or log-density evaluations (RWM, always 1).
    var stepCount: Int
    var isDivergent: Bool
    /// NUTS: Hamiltonian at the draw. RWM: potential energy, `-logDensity`.
    var energy: Double
}
