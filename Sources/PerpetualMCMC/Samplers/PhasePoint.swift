import PerpetualCore

/// A point of phase space with the log density and gradient at its position.
struct PhasePoint: Sendable {
    var position: [Double]
    var momentum: [Double]
    var gradient: [Double]
    var logDensity: Double
}

/// The Hamiltonian of a diagonal Euclidean metric,
/// `H(q, p) = -log π(q) + ½ Σ m⁻¹_i p_i²`, with its leapfrog integrator.
struct DiagonalHamiltonian {
    let model: any LogDensityModel
    /// Diagonal of the inverse metric `m⁻¹`.
    let inverseMetric: [Double]

    func energy(_ point: PhasePoint) -> Double {
        var kinetic = 0.0
        for index in point.momentum.indices {
            kinetic += inverseMetric[index] * point.momentum[index] * point.momentum[index]
        }
        return -point.logDensity + 0.5 * kinetic
    }

    /// Returns the velocity `m⁻¹ p`, Stan's `p_sharp`.
    func velocity(_ momentum: [Double]) -> [Double] {
        var result = momentum
        for index in result.indices { result[index] *= inverseMetric[index] }
        return result
    }

    /// Draws a momentum from N(0, m), one standard normal per coordinate.
    func sampleMomentum(using rng: inout CounterRNG) -> [Double] {
        inverseMetric.map { rng.nextNormal() / $0.squareRoot() }
    }

    /// Advances `point` by one leapfrog step of signed size `stepSize`:
    /// half a momentum step, a full position step, a new gradient, and
    /// another half momentum step.
    func leapfrog(_ point: inout PhasePoint, stepSize: Double) {
        let halfStep = 0.5 * stepSize
        for index in point.momentum.indices {
            point.momentum[index] += halfStep * point.gradient[index]
        }
        for index in point.position.indices {
            point.position[index] += stepSize * inverseMetric[index] * point.momentum[index]
        }
        point.logDensity = model.logDensity(at: point.position, gradient: &point.gradient)
        for index in point.momentum.indices {
            point.momentum[index] += halfStep * point.gradient[index]
        }
    }
}

