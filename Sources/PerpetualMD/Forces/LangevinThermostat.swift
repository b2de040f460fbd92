import PerpetualCore

/// Langevin friction and random forces, added after the pair forces:
///
///     F_i += −(m / damping) v_i + √(2 m k_B T / (damping · Δt)) ξ_i
///
/// with ξ_i three standard normal deviates. Atom `id` at force evaluation
/// `step` draws them from `CounterRNG(seed, stream: id, step: step)`, so the
/// forces depend only on the seed, the atom and the step: a restarted job
/// draws the same numbers without storing any generator state. Evaluation 0
/// is the set-up before the first step.
///
/// LAMMPS's `fix langevin` uses uniform deviates with the same variance, so
/// the two agree in distribution, not in trajectories.
struct LangevinThermostat {
    var temperature: Double
    var damping: Double
    var timestep: Double
    var seed: UInt64

    /// Adds the Langevin forces of the atoms in `rows`.
    func apply(to atoms: AtomArrays, rows: Range<Int>, step: Int) {
        let friction = 1 / damping
        let noise = (2 * temperature / (damping * timestep)).squareRoot()
        for index in rows {
            var rng = CounterRNG(seed: seed, stream: UInt32(atoms.ids[index]), step: UInt64(step))
            atoms.fx[index] += -friction * atoms.vx[index] + noise * rng.nextNormal()
            atoms.fy[index] += -friction * atoms.vy[index] + noise * rng.nextNormal()
            atoms.fz[index] += -friction * atoms.vz[index] + noise * rng.nextNormal()
        }
    }
}
