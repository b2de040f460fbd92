/// Settings of one Lennard-Jones molecular-dynamics job, in reduced LJ
/// units (σ = ε = m = k_B = 1).
///
/// The defaults reproduce the set-up of LAMMPS's `in.lj` benchmark: an fcc
/// lattice at density 0.8442, velocities at T = 1.44, cutoff 2.5σ, skin
/// 0.3σ, time step 0.005τ. Call ``validate()`` before use: ``MDKernel`` does
/// so itself.
public struct MDConfiguration: Sendable, Equatable {
    /// How the pair-force loop is computed.
    public enum ForceLoop: String, Sendable, CaseIterable {
        /// `SIMD4<Double>` lanes over each atom's neighbours.
        case simd
        /// One neighbour at a time, summed in list order; the reference for tests.
        case scalar
    }

    /// Thermostat acting after the conservative forces.
    public enum Thermostat: String, Sendable, CaseIterable {
        /// Plain velocity Verlet: constant N, V, E.
        case none
        /// Langevin friction and random force at ``MDConfiguration/temperature``.
        case langevin
    }

    /// fcc unit cells per box edge; the lattice has `4 * cells³` atoms.
    /// Ignored when the kernel starts from a given ``ParticleState``.
    public var cells: Int
    /// Time steps of the whole job.
    public var steps: Int
    /// Key of the velocity-initialisation and Langevin random streams.
    public var seed: UInt64
    /// Number density of the lattice, atoms per σ³.
    public var density: Double
    /// Initial temperature of the lattice velocities, and the Langevin target.
    public var temperature: Double
    /// Pair cutoff radius in σ.
    public var cutoff: Double
    /// Whether the pair energy is shifted to zero at the cutoff. Forces are
    /// the same either way.
    public var shiftEnergy: Bool
    /// Time step in τ.
    public var timestep: Double
    public var thermostat: Thermostat
    /// Langevin damping time in τ: the friction coefficient is `mass / damping`.
    public var damping: Double
    /// Neighbour-list skin in σ. The list contains pairs closer than
    /// `cutoff + skin`.
    public var skin: Double
    /// A rebuild is considered when the steps since the last build are a
    /// multiple of this, as LAMMPS's `neigh_modify delay 0 every N`.
    public var neighborEvery: Int
    /// Whether a considered rebuild happens only when some atom has moved
    /// more than `skin / 2` since the last build (LAMMPS's `check yes`).
    /// With `false`, every considered rebuild happens, and a pair that came
    /// inside the cutoff between builds is missed: ``MDKernel`` counts such
    /// builds as dangerous.
    public var neighborCheck: Bool
    /// Steps between thermo rows in the trace.
    public var thermoEvery: Int
    public var forceLoop: ForceLoop

    public static let defaultDensity = 0.8442
    public static let defaultTemperature = 1.44
    public static let defaultCutoff = 2.5
    public static let defaultTimestep = 0.005
    public static let defaultDamping = 1.0
    public static let defaultSkin = 0.3
    public static let defaultThermoEvery = 100
    /// Consider a rebuild every step and rebuild only when needed: never
    /// misses a pair.
    public static let defaultNeighborEvery = 1

    /// Largest supported atom count: atom ids are 32-bit random-stream ids.
    public static let maxAtoms = Int(UInt32.max)

    public init(
        cells: Int, steps: Int, seed: UInt64,
        density: Double = MDConfiguration.defaultDensity,
        temperature: Double = MDConfiguration.defaultTemperature,
        cutoff: Double = MDConfiguration.defaultCutoff,
        shiftEnergy: Bool = false,
        timestep: Double = MDConfiguration.defaultTimestep,
        thermostat: Thermostat = .none,
        damping: Double = MDConfiguration.defaultDamping,
        skin: Double = MDConfiguration.defaultSkin,
        neighborEvery: Int = MDConfiguration.defaultNeighborEvery,
        neighborCheck: Bool = true,
        thermoEvery: Int = MDConfiguration.defaultThermoEvery,
        forceLoop: ForceLoop = .simd
    ) {
        self.cells = cells
        self.steps = steps
        self.seed = seed
        self.density = density
        self.temperature = temperature
        self.cutoff = cutoff
        self.shiftEnergy = shiftEnergy
        self.timestep = timestep
        self.thermostat = thermostat
        self.damping = damping
        self.skin = skin
        self.neighborEvery = neighborEvery
        self.neighborCheck = neighborCheck
        self.thermoEvery = thermoEvery
        self.forceLoop = forceLoop
    }

    /// Checks every field on its own. Whether the box is large enough for
    /// `cutoff + skin` is checked by ``MDKernel`` once the box is known.
    /// - Throws: ``MDConfigurationError`` naming the first invalid field.
    public func validate() throws {
        func check(_ valid: Bool, _ field: String, _ value: Any, _ expected: String) throws {
            if !valid { throw MDConfigurationError(field: field, value: "\(value)", expected: expected) }
        }
        try check(cells >= 1 && 4 * cells * cells * cells <= Self.maxAtoms, "cells", cells,
                  "an integer with 1 ≤ cells and 4·cells³ ≤ \(Self.maxAtoms)")
        try check(steps >= 1, "steps", steps, "a positive integer")
        try check(density.isFinite && density > 0, "density", density, "a positive number")
        try check(temperature.isFinite && temperature >= 0, "temperature", temperature, "a number ≥ 0")
        try check(cutoff.isFinite && cutoff > 0, "cutoff", cutoff, "a positive number")
        try check(timestep.isFinite && timestep > 0, "timestep", timestep, "a positive number")
        try check(damping.isFinite && damping > 0, "damping", damping, "a positive number")
        try check(skin.isFinite && skin >= 0, "skin", skin, "a number ≥ 0")
        try check(neighborEvery >= 1 && neighborEvery <= Int(Int32.max), "neighborEvery", neighborEvery,
                  "an integer in 1...\(Int32.max)")
        try check(thermoEvery >= 1, "thermoEvery", thermoEvery, "a positive integer")
    }
}
