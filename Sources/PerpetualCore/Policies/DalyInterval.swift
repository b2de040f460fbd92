#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The optimal interval between periodic checkpoints, by Daly's (2006)
/// higher-order estimate.
///
/// With checkpoint cost δ and mean time between interruptions M, both in
/// seconds, Daly's higher-order estimate of the compute time between two
/// checkpoints is
///
///     τ = √(2δM) · [1 + ⅓·√(δ/(2M)) + (1/9)·(δ/(2M))] − δ    for δ < 2M
///     τ = M                                                  for δ ≥ 2M
///
/// It minimises the expected wall-clock time of a job under exponentially
/// distributed interruptions, counting the time of the checkpoint writes
/// and of the work recomputed after each interruption. Its leading term,
/// √(2δM), is the first-order interval that minimises
/// ``wasteFraction(intervalSeconds:checkpointSeconds:mtbiSeconds:)``.
public enum DalyInterval {
    /// Returns Daly's optimal compute seconds between two checkpoints.
    ///
    /// Traps unless `checkpointSeconds` is finite and ≥ 0 and `mtbiSeconds`
    /// finite and > 0. A cost of 0 gives an interval of 0: checkpoint at
    /// every opportunity.
    public static func optimalSeconds(checkpointSeconds delta: Double, mtbiSeconds mtbi: Double) -> Double {
        precondition(delta.isFinite && delta >= 0, "DalyInterval needs a checkpoint cost ≥ 0 seconds, got \(delta)")
        precondition(mtbi.isFinite && mtbi > 0, "DalyInterval needs a mean time between interruptions > 0 seconds, got \(mtbi)")
        guard delta < 2 * mtbi else { return mtbi }
        let ratio = delta / (2 * mtbi)
        let correction = 1 + sqrt(ratio) / 3 + ratio / 9
        return sqrt(2 * delta * mtbi) * correction - delta
    }

    /// Returns an estimate of the share of compute time lost to checkpoint
    /// writes and recomputation. The job checkpoints every `intervalSeconds`
    /// (τ) of compute at cost `checkpointSeconds` (δ) and is interrupted
    /// every `mtbiSeconds` (M) on average. The estimate is δ/τ for the
    /// writes plus (τ + δ)/(2M) for the half interval each interruption
    /// loses on average.
    /// A first-order estimate for comparing an interval with the optimum;
    /// restart costs are not counted.
    public static func wasteFraction(intervalSeconds tau: Double, checkpointSeconds delta: Double, mtbiSeconds mtbi: Double) -> Double {
        precondition(tau > 0 && tau.isFinite, "DalyInterval needs an interval > 0 seconds, got \(tau)")
        precondition(delta.isFinite && delta >= 0, "DalyInterval needs a checkpoint cost ≥ 0 seconds, got \(delta)")
        precondition(mtbi.isFinite && mtbi > 0, "DalyInterval needs a mean time between interruptions > 0 seconds, got \(mtbi)")
        return delta / tau + (tau + delta) / (2 * mtbi)
    }
}
