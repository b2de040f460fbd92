#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Nesterov dual averaging of a log step size, as in Hoffman and Gelman,
/// "The No-U-Turn Sampler", JMLR 15 (2014), and Stan's
/// `stepsize_adaptation`.
///
/// After iteration `t` with acceptance statistic `a` (capped at 1):
///
///     s̄ ← (1 - 1/(t + t0)) s̄ + (δ - a)/(t + t0)
///     x  = mu - s̄ √t / γ
///     x̄ ← (1 - t^-κ) x̄ + t^-κ x
///
/// and the next step size is `exp(x)`. At the end of warm-up the step size
/// becomes `exp(x̄)`.
struct DualAveraging: Equatable, Sendable {
    static let gamma = 0.05
    static let t0 = 10.0
    static let kappa = 0.75

    /// Iterations since the last restart, `t`.
    var counter: Double = 0
    /// Running average of `δ - a`, `s̄`.
    var averageError: Double = 0
    /// Averaged log step size, `x̄`.
    var averageLogStepSize: Double = 0
    /// Shrinkage point `mu`, usually `log(10 ε₀)`.
    var shrinkageTarget: Double

    init(shrinkageTarget: Double) {
        self.shrinkageTarget = shrinkageTarget
    }

    /// Returns the next step size after an iteration with acceptance
    /// statistic `acceptance`, aiming at `target`.
    mutating func update(acceptance: Double, target: Double) -> Double {
        counter += 1
        let cappedAcceptance = min(1, acceptance)
        let weight = 1 / (counter + Self.t0)
        averageError = (1 - weight) * averageError + weight * (target - cappedAcceptance)
        let logStepSize = shrinkageTarget - averageError * counter.squareRoot() / Self.gamma
        let averagingWeight = pow(counter, -Self.kappa)
        averageLogStepSize = (1 - averagingWeight) * averageLogStepSize + averagingWeight * logStepSize
        return exp(logStepSize)
    }

    /// Starts a new adaptation phase around `shrinkageTarget`. After each
    /// metric update Stan restarts around `log(10 ε)`.
    mutating func restart(shrinkageTarget: Double) {
        counter = 0
        averageError = 0
        averageLogStepSize = 0
        self.shrinkageTarget = shrinkageTarget
    }

    /// Step size to use after warm-up, `exp(x̄)`.
    var finalStepSize: Double { exp(averageLogStepSize) }
}
