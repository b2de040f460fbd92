#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import PerpetualCore

/// The No-U-Turn Sampler with multinomial sampling of the trajectory, a
/// diagonal metric and the generalised no-U-turn criterion, following
/// Stan's `base_nuts` (Betancourt, "A Conceptual Introduction to
/// Hamiltonian Monte Carlo", 2017).
///
/// One transition doubles the trajectory in a random direction until it
/// turns back, a step diverges, or `maxTreeDepth` doublings are done. A new
/// subtree replaces the current draw with probability
/// `min(1, w_subtree / w_trajectory)` (biased progressive sampling); inside a
/// subtree the draw is multinomial in the weights `exp(-H)`. Besides the
/// criterion over the whole trajectory, the criterion is checked across each
/// seam where two subtrees join, as recent Stan releases do.
///
/// NOTE: the seam checks follow the published criterion. They were not
/// compared line by line with Stan's source, so draws for a given seed need
/// not match Stan's even where the random numbers agree.
struct NoUTurnSampler {
    let model: any LogDensityModel
    let maxTreeDepth: Int

    /// Runs one transition of `chain` and returns its statistics. Every
    /// random number comes from `rng`.
    func transition(_ chain: inout ChainState, rng: inout CounterRNG) -> TransitionStatistics {
        let hamiltonian = DiagonalHamiltonian(model: model, inverseMetric: chain.inverseMetric)
        let start = PhasePoint(position: chain.position, momentum: hamiltonian.sampleMomentum(using: &rng),
                               gradient: chain.gradient, logDensity: chain.logDensity)
        var builder = TrajectoryBuilder(hamiltonian: hamiltonian, stepSize: chain.stepSize,
                                        initialEnergy: hamiltonian.energy(start))

        // Both ends of the trajectory, their momenta and velocities, and the momentum sum.
        var backwardEnd = start
        var forwardEnd = start
        var backwardVelocity = hamiltonian.velocity(start.momentum)
        var forwardVelocity = backwardVelocity
        var momentumSum = start.momentum
        var draw = start
        var logSumWeight = 0.0
        var depth = 0

        while depth < maxTreeDepth {
            let isForward = rng.nextUniform() > 0.5
            let oldMomentumSum = momentumSum
            let innerMomentum = isForward ? forwardEnd.momentum : backwardEnd.momentum
            let innerVelocity = isForward ? forwardVelocity : backwardVelocity
            let outerVelocity = isForward ? backwardVelocity : forwardVelocity

            var end = isForward ? forwardEnd : backwardEnd
            guard let subtree = builder.buildSubtree(depth: depth, from: &end, direction: isForward ? 1 : -1, rng: &rng) else {
                break
            }
            depth += 1
            if isForward {
                forwardEnd = end
                forwardVelocity = subtree.endVelocity
            } else {
                backwardEnd = end
                backwardVelocity = subtree.endVelocity
            }

            // Biased progressive sampling: favour the new subtree.
            if subtree.logSumWeight > logSumWeight {
                draw = subtree.proposal
            } else if rng.nextUniform() < exp(subtree.logSumWeight - logSumWeight) {
                draw = subtree.proposal
            }
            logSumWeight = logSumExp(logSumWeight, subtree.logSumWeight)

            // The criterion across the whole trajectory and across the new seam.
            momentumSum = add(oldMomentumSum, subtree.momentumSum)
            let continues = TrajectoryBuilder.continues(outerVelocity, subtree.endVelocity, momentumSum)
                && TrajectoryBuilder.continues(outerVelocity, subtree.beginVelocity, add(oldMomentumSum, subtree.beginMomentum))
                && TrajectoryBuilder.continues(innerVelocity, subtree.endVelocity, add(subtree.momentumSum, innerMomentum))
            if !continues { break }
        }

        chain.position = draw.position
        chain.logDensity = draw.logDensity
        chain.gradient = draw.gradient
        return TransitionStatistics(
            logDensity: draw.logDensity,
            acceptanceRate: builder.leapfrogCount > 0 ? builder.sumAcceptance / Double(builder.leapfrogCount) : 0,
            stepSize: chain.stepSize, treeDepth: depth, stepCount: builder.leapfrogCount,
            isDivergent: builder.isDivergent, energy: hamiltonian.energy(draw))
    }

    /// Stan's `init_stepsize` heuristic: starting from `stepSize`, doubles or
    /// halves the step size until the acceptance probability
    /// `exp(H0 - H)` of a single leapfrog step from the chain's position
    /// crosses 0.8. Each trial draws a fresh momentum from `rng`.
    ///
    /// NOTE: Stan raises an error when the step size leaves (0, 10⁷). This
    /// heuristic stops at 10⁻¹² or 10⁷ instead and leaves the rest to dual
    /// averaging.
    func initialStepSize(for chain: ChainState, startingAt stepSize: Double, rng: inout CounterRNG) -> Double {
        let hamiltonian = DiagonalHamiltonian(model: model, inverseMetric: chain.inverseMetric)
        let logTarget = log(0.8)
        let maxStepSize = 1e7
        let minStepSize = 1e-12

        var stepSize = stepSize
        var direction = 0.0
        while true {
            var point = PhasePoint(position: chain.position, momentum: hamiltonian.sampleMomentum(using: &rng),
                                   gradient: chain.gradient, logDensity: chain.logDensity)
            let initialEnergy = hamiltonian.energy(point)
            hamiltonian.leapfrog(&point, stepSize: stepSize)
            var energy = hamiltonian.energy(point)
            if energy.isNaN { energy = .infinity }
            let energyChange = initialEnergy - energy

            // The first trial only sets the direction; Stan repeats it at the same step size.
            if direction == 0 {
                direction = energyChange > logTarget ? 1 : -1
                continue
            }
            if direction == 1 && !(energyChange > logTarget) {
                return stepSize
            } else if direction == -1 && !(energyChange < logTarget) {
                return stepSize
            }
            stepSize = direction == 1 ? 2 * stepSize : 0.5 * stepSize
            if stepSize > maxStepSize || stepSize < minStepSize {
                return min(max(stepSize, minStepSize), maxStepSize)
            }
        }
    }
}
