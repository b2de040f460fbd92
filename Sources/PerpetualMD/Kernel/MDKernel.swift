import PerpetualCore

/// Lennard-Jones molecular dynamics as a checkpointable ``Kernel``.
///
/// One step is one velocity-Verlet step of `timestep` in the order LAMMPS's
/// `run_style verlet` uses: half kick and drift; neighbour check (rebuild
/// when any atom has moved more than half the skin since the last build,
/// wrapping atoms into the box first); pair forces; Langevin forces when
/// enabled; second half kick. Masses are 1.
///
/// Atoms are stored in ascending id order, and periodic images ("ghosts")
/// of atoms near the box faces stand in for minimum-image arithmetic.
public final class MDKernel: Kernel {
    public let configuration: MDConfiguration
    public let box: SimulationBox
    public let potential: LennardJones
    let atoms: AtomArrays
    var ghosts = GhostLayer()
    var neighborList = NeighborList()
    let thermostat: LangevinThermostat?
    public internal(set) var completedSteps = 0
    /// Neighbour-list builds since the start of this kernel object (not
    /// checkpointed; for diagnostics).
    public internal(set) var neighborListBuilds = 0
    /// Thermo of the initial state at step 0; a restore does not change it.
    public internal(set) var initialThermo: ThermoSample

    public var kernelName: String { "md" }
    public var totalSteps: Int { configuration.steps }
    public var atomCount: Int { atoms.localCount }

    /// Radius of the neighbour list and the ghost layer.
    var neighborRadius: Double { configuration.cutoff + configuration.skin }

    /// Creates the `in.lj` set-up: an fcc lattice of `configuration.cells³`
    /// unit cells at `configuration.density`, with velocities from
    /// ``VelocityInitialization`` at `configuration.temperature`.
    /// - Throws: ``MDConfigurationError`` for an invalid field or a box
    ///   shorter than `cutoff + skin`.
    public convenience init(configuration: MDConfiguration) throws {
        try configuration.validate()
        var state = FCCLattice.state(cells: configuration.cells, density: configuration.density)
        VelocityInitialization.assign(to: &state, temperature: configuration.temperature, seed: configuration.seed)
        try self.init(configuration: configuration, initialState: state)
    }

    /// Starts from given positions and velocities; `configuration.cells`,
    /// `density` and the initial temperature are not used. Atoms are reordered
    /// by id and wrapped into the box.
    /// - Throws: ``MDConfigurationError`` for an invalid field or state, or
    ///   a box shorter than `cutoff + skin`.
    public init(configuration: MDConfiguration, initialState: ParticleState) throws {
        try configuration.validate()
        try initialState.validate()
        let radius = configuration.cutoff + configuration.skin
        let lengths = initialState.box.lengths
        guard lengths.min() >= radius else {
            throw MDConfigurationError(
                field: "box", value: "edges \(lengths.x) × \(lengths.y) × \(lengths.z)",
                expected: "edges of at least cutoff + skin = \(radius): use more cells, a smaller cutoff or a smaller skin")
        }

        self.configuration = configuration
        self.box = initialState.box
        self.potential = LennardJones(cutoff: configuration.cutoff, shifted: configuration.shiftEnergy)
        self.thermostat = configuration.thermostat == .langevin
            ? LangevinThermostat(temperature: configuration.temperature, damping: configuration.damping,
                                 timestep: configuration.timestep, seed: configuration.seed)
            : nil
        self.atoms = AtomArrays(localCount: initialState.count)
        self.initialThermo = ThermoSample(step: 0, temperature: 0, potentialEnergy: 0, kineticEnergy: 0, pressure: 0)
        load(initialState.sortedByID())

        rebuildNeighborList()
        let totals = computeForces(step: 0, totals: true)
        initialThermo = thermo(step: 0, totals: totals)
    }

    /// Copies a state sorted by id into the atom arrays.
    func load(_ state: ParticleState) {
        atoms.ids = state.ids
        atoms.imageX = state.imageX
        atoms.imageY = state.imageY
        atoms.imageZ = state.imageZ
        AtomArrays.copy(state.x, to: atoms.x)
        AtomArrays.copy(state.y, to: atoms.y)
        AtomArrays.copy(state.z, to: atoms.z)
        AtomArrays.copy(state.vx, to: atoms.vx)
        AtomArrays.copy(state.vy, to: atoms.vy)
        AtomArrays.copy(state.vz, to: atoms.vz)
    }

    /// Advances one velocity-Verlet step. Returns a thermo row (see
    /// ``traceSchema``) every `thermoEvery` steps and at the last step,
    /// else `nil`. Traps when called after the last step.
    /// - Throws: ``MDConfigurationError`` for field `timestep` when an atom
    ///   moved so far that the integration has become unstable.
    public func advanceStep() throws -> [Double]? {
        precondition(!isComplete, "MDKernel.advanceStep() called after the last step \(totalSteps); check isComplete first")
        let step = completedSteps + 1
        let halfStep = 0.5 * configuration.timestep

        kick(by: halfStep)
        drift(by: configuration.timestep)
        if needsNeighborRebuild() {
            try checkDisplacements(step: step)
            rebuildNeighborList()
        } else {
            ghosts.update(atoms)
        }
        let wantsThermo = step % configuration.thermoEvery == 0 || step == totalSteps
        let totals = computeForces(step: step, totals: wantsThermo)
        kick(by: halfStep)

        completedSteps = step
        return wantsThermo ? thermo(step: step, totals: totals).row : nil
    }

    /// Pair forces plus Langevin forces for force evaluation `step`.
    func computeForces(step: Int, totals: Bool) -> PairTotals {
        let result = PairForces.compute(atoms, list: neighborList, potential: potential,
                                        loop: configuration.forceLoop, computeTotals: totals)
        thermostat?.apply(to: atoms, step: step)
        return result
    }

    /// `v += dt · F` (mass 1) for every local atom.
    func kick(by dt: Double) {
        let count = atoms.localCount
        VectorMath.axpy(dt, UnsafeBufferPointer(start: atoms.fx, count: count), UnsafeMutableBufferPointer(start: atoms.vx, count: count))
        VectorMath.axpy(dt, UnsafeBufferPointer(start: atoms.fy, count: count), UnsafeMutableBufferPointer(start: atoms.vy, count: count))
        VectorMath.axpy(dt, UnsafeBufferPointer(start: atoms.fz, count: count), UnsafeMutableBufferPointer(start: atoms.vz, count: count))
    }

    /// `x += dt · v` for every local atom.
    func drift(by dt: Double) {
        let count = atoms.localCount
        VectorMath.axpy(dt, UnsafeBufferPointer(start: atoms.vx, count: count), UnsafeMutableBufferPointer(start: atoms.x, count: count))
        VectorMath.axpy(dt, UnsafeBufferPointer(start: atoms.vy, count: count), UnsafeMutableBufferPointer(start: atoms.y, count: count))
        VectorMath.axpy(dt, UnsafeBufferPointer(start: atoms.vz, count: count), UnsafeMutableBufferPointer(start: atoms.z, count: count))
    }

    /// Thermo quantities from the current velocities and the pair totals
    /// of the latest force evaluation.
    func thermo(step: Int, totals: PairTotals) -> ThermoSample {
        let count = atoms.localCount
        let vx = UnsafeBufferPointer(start: atoms.vx, count: count)
        let vy = UnsafeBufferPointer(start: atoms.vy, count: count)
        let vz = UnsafeBufferPointer(start: atoms.vz, count: count)
        let sumOfSquares = VectorMath.sumOfSquares(vx) + VectorMath.sumOfSquares(vy) + VectorMath.sumOfSquares(vz)
        let degreesOfFreedom = Double(3 * count - 3)
        let n = Double(count)
        return ThermoSample(
            step: step,
            temperature: degreesOfFreedom > 0 ? sumOfSquares / degreesOfFreedom : 0,
            potentialEnergy: totals.energy / n,
            kineticEnergy: 0.5 * sumOfSquares / n,
            pressure: (sumOfSquares + totals.virial) / (3 * box.volume))
    }

    public var progressNote: String? {
        "\(atomCount) atoms, \(neighborListBuilds) neighbour-list builds"
    }
}
