import PerpetualCore

/// Random initial velocities at a given temperature with zero total momentum.
///
/// LAMMPS's own random streams cannot be reproduced, so these velocities
/// differ from those of `velocity all create`. To run both programs on the
/// same trajectory, write this state as a LAMMPS data file.
public enum VelocityInitialization {
    /// Step index of the random streams used for initial velocities; the
    /// Langevin thermostat uses steps 1, 2, … so the streams never overlap.
    public static let randomStep = UInt64.max

    /// Draws each component of atom `id` from a standard normal distribution
    /// (``CounterRNG`` with key `seed`, stream `id`, step ``randomStep``),
    /// removes the mean velocity, and scales to `temperature`.
    ///
    /// Temperature follows LAMMPS's `compute temp` with mass 1:
    /// `T = Σ v² / (3N − 3)`, since fixing the total momentum removes three
    /// degrees of freedom. With one atom, velocities are zero.
    public static func assign(to state: inout ParticleState, temperature: Double, seed: UInt64) {
        let count = state.count
        for index in 0..<count {
            var rng = CounterRNG(seed: seed, stream: UInt32(state.ids[index]), step: randomStep)
            state.vx[index] = rng.nextNormal()
            state.vy[index] = rng.nextNormal()
            state.vz[index] = rng.nextNormal()
        }
        removeMeanVelocity(&state)

        let degreesOfFreedom = Double(3 * count - 3)
        let sumOfSquares = ScalarReference.dot(state.vx, state.vx) + ScalarReference.dot(state.vy, state.vy)
            + ScalarReference.dot(state.vz, state.vz)
        let scale = degreesOfFreedom > 0 && sumOfSquares > 0
            ? (temperature * degreesOfFreedom / sumOfSquares).squareRoot() : 0
        for index in 0..<count {
            state.vx[index] *= scale
            state.vy[index] *= scale
            state.vz[index] *= scale
        }
    }

    /// Subtracts the mean velocity, so that the total momentum is zero up to
    /// round-off.
    static func removeMeanVelocity(_ state: inout ParticleState) {
        let count = Double(state.count)
        let mean = SIMD3(state.vx.reduce(0, +), state.vy.reduce(0, +), state.vz.reduce(0, +)) / count
        for index in state.ids.indices {
            state.vx[index] -= mean.x
            state.vy[index] -= mean.y
            state.vz[index] -= mean.z
        }
    }
}
