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
/// of atoms near the box faces stand in for minimum-image arithmetic. In a
/// job of several ranks each rank integrates a block of atoms; see
/// `MDKernel+Ranks.swift`.
public final class MDKernel: Kernel {
    public let configuration: MDConfiguration
    public let box: SimulationBox
    public let potential: LennardJones
    let atoms: AtomArrays
    var ghosts = GhostLayer()
    var neighborList = NeighborList()
    let thermostat: LangevinThermostat?
    /// The ranks of the job; every collective call is made by all of them.
    let communicator: any Communicator
    /// Indices (id order) of the atoms whose forces and velocities this
    /// rank computes: its ``BlockPartition`` share.
    let block: Range<Int>
    public internal(set) var completedSteps = 0
    /// Neighbour-list builds since the start of this kernel object (not
    /// checkpointed; for diagnostics).
    public internal(set) var neighborListBuilds = 0
    /// Unchecked rebuilds (``MDConfiguration/neighborCheck`` off) at which
    /// an atom had moved more than half the skin, so that a pair may have
    /// been missed since the build before. Counted since the start of this
    /// kernel object. LAMMPS does not count these: it prints "Dangerous
    /// builds not checked" for `check no`.
    public internal(set) var dangerousBuilds = 0
    /// Steps since the last neighbour-list build; checkpointed, because the
    /// rebuild schedule counts from the last build.
    var stepsSinceBuild = 0
    /// Thermo of the initial state at step 0; a restore does not change it.
    public internal(set) var initialThermo: ThermoSample
    /// ``ParticleState/fingerprint`` of the initial state, atoms in id order
    /// and not yet wrapped. Checkpointed; a restore rejects a state written
    /// by a kernel that started from another state.
    public let initialStateFingerprint: UInt64

    public var kernelName: String { "md" }
    public var totalSteps: Int { configuration.steps }
    public var atomCount: Int { atoms.localCount }

    /// Radius of the neighbour list and the ghost layer.
    var neighborRadius: Double { configuration.cutoff + configuration.skin }

    /// Creates the `in.lj` set-up: an fcc lattice of `configuration.cells³`
    /// unit cells at `configuration.density`, with velocities from
    /// ``VelocityInitialization`` at `configuration.temperature`.
    /// Collective over `communicator`.
    /// - Throws: ``MDConfigurationError`` for an invalid field or a box
    ///   shorter than `cutoff + skin`, the communicator's error when an
    ///   exchange between ranks fails.
    public convenience init(configuration: MDConfiguration,
                            communicator: any Communicator = SingleProcessCommunicator()) throws {
        try configuration.validate()
        var state = FCCLattice.state(cells: configuration.cells, density: configuration.density)
        VelocityInitialization.assign(to: &state, temperature: configuration.temperature, seed: configuration.seed)
        try self.init(configuration: configuration, initialState: state, communicator: communicator)
    }

    /// Starts from given positions and velocities; `configuration.cells`,
    /// `density` and the initial temperature are not used. Atoms are reordered
    /// by id and wrapped into the box. Every rank passes the same state.
    /// Collective over `communicator`.
    /// - Throws: ``MDConfigurationError`` for an invalid field or state, or
    ///   a box shorter than `cutoff + skin`, the communicator's error when an
    ///   exchange between ranks fails.
    public init(configuration: MDConfiguration, initialState: ParticleState,
                communicator: any Communicator = SingleProcessCommunicator()) throws {
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
        self.communicator = communicator
        self.block = BlockPartition(count: initialState.count, communicator: communicator).range
        self.initialThermo = ThermoSample(step: 0, temperature: 0, potentialEnergy: 0, kineticEnergy: 0, pressure: 0)
        let sorted = initialState.sortedByID()
        self.initialStateFingerprint = sorted.fingerprint
        load(sorted)

        rebuildNeighborList()
        let totals = try computeForces(step: 0, totals: true)
        initialThermo = try thermo(step: 0, totals: totals)
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
    /// ``traceSchema``) every `thermoEvery` steps and at the last step, the
    /// step-0 row (``initialThermo``) at step 1 when step 1 has no row of
    /// its own, else `nil`. Traps when called after the last step.
    /// - Throws: ``MDConfigurationError`` for field `timestep` when an atom
    ///   moved so far that the integration has become unstable.
    public func advanceStep() throws -> [Double]? {
        precondition(!isComplete, "MDKernel.advanceStep() called after the last step \(totalSteps); check isComplete first")
        let step = completedSteps + 1
        let halfStep = 0.5 * configuration.timestep

        kick(by: halfStep)
        drift(by: configuration.timestep)
        try gatherBlocks(atoms.x)
        try gatherBlocks(atoms.y)
        try gatherBlocks(atoms.z)
        if neighborRebuildIsDue() {
            try checkDisplacements(step: step)
            rebuildNeighborList()
        } else {
            ghosts.update(atoms)
        }
        let wantsThermo = step % configuration.thermoEvery == 0 || step == totalSteps
        let totals = try computeForces(step: step, totals: wantsThermo)
        kick(by: halfStep)

        completedSteps = step
        if wantsThermo {
            return try thermo(step: step, totals: totals).row
        }
        // Step 1 carries the step-0 row, as LAMMPS prints step 0 first.
        // NOTE: when step 1 has a row of its own (thermoEvery 1, or a
        // one-step job), the trace has no step-0 row: a step adds one row
        // at most. ``initialThermo`` still contains it.
        return step == 1 ? initialThermo.row : nil
    }

    /// Pair forces plus Langevin forces of this rank's atoms for force
    /// evaluation `step`, and with `totals` the pair totals of all atoms,
    /// else zeros.
    func computeForces(step: Int, totals: Bool) throws -> PairTotals {
        PairForces.compute(atoms, rows: block, list: neighborList, potential: potential,
                           loop: configuration.forceLoop, computeTotals: totals)
        thermostat?.apply(to: atoms, rows: block, step: step)
        return totals ? try pairTotals() : PairTotals(energy: 0, virial: 0)
    }

    /// Sums the per-atom pair energies and virials of all ranks in id order,
    /// each pair counted once.
    func pairTotals() throws -> PairTotals {
        try gatherBlocks(atoms.pairEnergy)
        try gatherBlocks(atoms.pairVirial)
        var energy = 0.0, virial = 0.0
        for index in 0..<atoms.localCount {
            energy += atoms.pairEnergy[index]
            virial += atoms.pairVirial[index]
        }
        return PairTotals(energy: 0.5 * energy, virial: 0.5 * virial)
    }

    /// `v += dt · F` (mass 1) for this rank's atoms.
    func kick(by dt: Double) {
        let start = block.lowerBound, count = block.count
        VectorMath.axpy(dt, UnsafeBufferPointer(start: atoms.fx + start, count: count), UnsafeMutableBufferPointer(start: atoms.vx + start, count: count))
        VectorMath.axpy(dt, UnsafeBufferPointer(start: atoms.fy + start, count: count), UnsafeMutableBufferPointer(start: atoms.vy + start, count: count))
        VectorMath.axpy(dt, UnsafeBufferPointer(start: atoms.fz + start, count: count), UnsafeMutableBufferPointer(start: atoms.vz + start, count: count))
    }

    /// `x += dt · v` for this rank's atoms.
    func drift(by dt: Double) {
        let start = block.lowerBound, count = block.count
        VectorMath.axpy(dt, UnsafeBufferPointer(start: atoms.vx + start, count: count), UnsafeMutableBufferPointer(start: atoms.x + start, count: count))
        VectorMath.axpy(dt, UnsafeBufferPointer(start: atoms.vy + start, count: count), UnsafeMutableBufferPointer(start: atoms.y + start, count: count))
        VectorMath.axpy(dt, UnsafeBufferPointer(start: atoms.vz + start, count: count), UnsafeMutableBufferPointer(start: atoms.z + start, count: count))
    }

    /// Thermo quantities from the velocities of all atoms, gathered from
    /// the ranks first, and the pair totals of the latest force evaluation.
    func thermo(step: Int, totals: PairTotals) throws -> ThermoSample {
        try gatherBlocks(atoms.vx)
        try gatherBlocks(atoms.vy)
        try gatherBlocks(atoms.vz)
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
        "\(atomCount) atoms, \(neighborListBuilds) neighbour-list builds, \(dangerousBuilds) dangerous"
    }
}
