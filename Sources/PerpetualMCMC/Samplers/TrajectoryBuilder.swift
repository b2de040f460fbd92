#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import PerpetualCore

/// Builds the balanced binary subtrees of one NUTS trajectory and keeps the
/// trajectory's running totals: leapfrog steps, summed Metropolis
/// acceptance probabilities, and whether a step diverged.
struct TrajectoryBuilder {
    /// Energy error `H - H0` above which a leapfrog step counts as divergent, as in Stan.
    static let maxEnergyError = 1000.0

    let hamiltonian: DiagonalHamiltonian
    let stepSize: Double
    /// Hamiltonian at the start of the trajectory, `H0`.
    let initialEnergy: Double

    private(set) var leapfrogCount = 0
    private(set) var sumAcceptance = 0.0
    private(set) var isDivergent = false

    init(hamiltonian: DiagonalHamiltonian, stepSize: Double, initialEnergy: Double) {
        self.hamiltonian = hamiltonian
        self.stepSize = stepSize
        self.initialEnergy = initialEnergy
    }

    /// A finished subtree. "Begin" is the end next to the trajectory it
    /// extends, "end" the new outermost point.
    struct Subtree {
        /// Point chosen from the subtree with probability proportional to `exp(-H)`.
        var proposal: PhasePoint
        /// `log Σ exp(H0 - H)` over the subtree's points.
        var logSumWeight: Double
        /// Sum of the momenta of the subtree's points, `rho`.
        var momentumSum: [Double]
        var beginMomentum: [Double]
        var beginVelocity: [Double]
        var endMomentum: [Double]
        var endVelocity: [Double]
    }

    /// Builds a subtree of `2^depth` leapfrog steps from `point` in
    /// `direction` (+1 forward in time, -1 backward) and moves `point` to the
    /// subtree's outermost point.
    ///
    /// Returns `nil` when a step diverges or when the subtree, or either of
    /// its halves, fails the generalised no-U-turn criterion. Stan treats
    /// such a subtree as invalid and stops the trajectory.
    mutating func buildSubtree(depth: Int, from point: inout PhasePoint, direction: Double,
                               rng: inout CounterRNG) -> Subtree? {
        if depth == 0 {
            return takeStep(from: &point, direction: direction)
        }

        // Two halves of depth - 1, the second continuing from the end of the first.
        guard let inner = buildSubtree(depth: depth - 1, from: &point, direction: direction, rng: &rng),
              let outer = buildSubtree(depth: depth - 1, from: &point, direction: direction, rng: &rng) else {
            return nil
        }

        // Multinomial choice between the halves' proposals, weighted by their total weight.
        let logSumWeight = logSumExp(inner.logSumWeight, outer.logSumWeight)
        var proposal = inner.proposal
        if outer.logSumWeight > logSumWeight {
            proposal = outer.proposal
        } else if rng.nextUniform() < exp(outer.logSumWeight - logSumWeight) {
            proposal = outer.proposal
        }

        // The criterion across the whole subtree and across the seam between its halves.
        let momentumSum = add(inner.momentumSum, outer.momentumSum)
        guard Self.continues(inner.beginVelocity, outer.endVelocity, momentumSum),
              Self.continues(inner.beginVelocity, outer.beginVelocity, add(inner.momentumSum, outer.beginMomentum)),
              Self.continues(inner.endVelocity, outer.endVelocity, add(outer.momentumSum, inner.endMomentum)) else {
            return nil
        }
        return Subtree(proposal: proposal, logSumWeight: logSumWeight, momentumSum: momentumSum,
                       beginMomentum: inner.beginMomentum, beginVelocity: inner.beginVelocity,
                       endMomentum: outer.endMomentum, endVelocity: outer.endVelocity)
    }

    /// Takes one leapfrog step and returns it as a subtree of one point, or
    /// `nil` when the energy error exceeds ``maxEnergyError``.
    private mutating func takeStep(from point: inout PhasePoint, direction: Double) -> Subtree? {
        hamiltonian.leapfrog(&point, stepSize: direction * stepSize)
        leapfrogCount += 1

        var energy = hamiltonian.energy(point)
        if energy.isNaN { energy = .infinity }
        let logWeight = initialEnergy - energy
        sumAcceptance += logWeight > 0 ? 1 : exp(logWeight)
        if -logWeight > Self.maxEnergyError {
            isDivergent = true
            return nil
        }

        let velocity = hamiltonian.velocity(point.momentum)
        return Subtree(proposal: point, logSumWeight: logWeight, momentumSum: point.momentum,
                       beginMomentum: point.momentum, beginVelocity: velocity,
                       endMomentum: point.momentum, endVelocity: velocity)
    }

    /// Evaluates the generalised no-U-turn criterion of Betancourt (2017) as
    /// Stan does. It returns true while the momentum sum `rho` points along
    /// the velocity at both ends, so the trajectory may continue.
    static func continues(_ velocityA: [Double], _ velocityB: [Double], _ momentumSum: [Double]) -> Bool {
        VectorMath.dot(velocityA, momentumSum) > 0 && VectorMath.dot(velocityB, momentumSum) > 0
    }
}

/// Returns `log(exp(a) + exp(b))` without overflow; `-inf` terms drop out.
func logSumExp(_ a: Double, _ b: Double) -> Double {
    if a == -.infinity { return b }
    if b == -.infinity { return a }
    let larger = max(a, b)
    return larger + log1p(exp(-abs(a - b)))
}

/// Returns the element-wise sum of two vectors of equal length.
func add(_ a: [Double], _ b: [Double]) -> [Double] {
    var result = a
    for index in result.indices { result[index] += b[index] }
    return result
}
