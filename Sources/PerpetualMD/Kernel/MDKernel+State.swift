import PerpetualCore

/// Checkpoint state of ``MDKernel``. Per-atom arrays are in ascending id
/// order, one array per component, so that they map one to one onto
/// openPMD particle records (N atoms):
///
/// | name | type, shape | meaning |
/// | --- | --- | --- |
/// | `step` | int64 | completed steps |
/// | `configuration/atoms` | int64 | N; must match on restore |
/// | `configuration/{cutoff, skin, timestep}` | float64 | must match on restore |
/// | `configuration/thermostat` | string | `none` or `langevin`; must match |
/// | `configuration/neighbor_every` | int64 | steps between considered rebuilds; must match |
/// | `configuration/neighbor_check` | string | `yes` or `no`; must match |
/// | `rng/seed` | uint64 [1] | key of the Langevin streams; must match |
/// | `initial_state/fingerprint` | uint64 [1] | ``ParticleState/fingerprint`` of the state at step 0; must match |
/// | `box/lower`, `box/upper` | float64 [3] | periodic box; must match |
/// | `particles/id` | int64 [N] | global atom ids; must match |
/// | `particles/position/{x,y,z}` | float64 [N] | positions, not wrapped since the last neighbour build |
/// | `particles/velocity/{x,y,z}` | float64 [N] | velocities |
/// | `particles/force/{x,y,z}` | float64 [N] | forces of the latest evaluation, Langevin part included |
/// | `particles/image/{x,y,z}` | int64 [N] | periodic image counts |
/// | `neighbor/held_position/{x,y,z}` | float64 [N] | positions at the last neighbour-list build |
/// | `neighbor/steps_since_build` | int64 | steps since that build |
///
/// Every `[N]` array is partitioned over the ranks of a job by id order
/// (``BlockPartition``), one rank included, so the file contains all atoms by
/// global index whatever the rank count that wrote or reads it.
///
/// Forces are stored because the Langevin part depended on half-step
/// velocities that no longer exist. The neighbour list is rebuilt from the
/// held positions, which gives the same list, the same pair order and so
/// the same rounding as the run that wrote the checkpoint.
extension MDKernel {
    static let components = ["x", "y", "z"]

    public func captureState() -> KernelState {
        let count = atoms.localCount
        let start = block.lowerBound
        func share(_ pointer: UnsafeMutablePointer<Double>) -> StateValue {
            .array(StateArray(.float64(AtomArrays.array(pointer + start, count: block.count)), shape: [block.count],
                              partition: blockPartition))
        }
        func share(_ values: [Int64]) -> StateValue {
            .array(StateArray(.int64(Array(values[block])), shape: [block.count], partition: blockPartition))
        }
        var state = KernelState()
        state["step"] = .int64(Int64(completedSteps))
        state["configuration/atoms"] = .int64(Int64(count))
        state["configuration/cutoff"] = .float64(configuration.cutoff)
        state["configuration/skin"] = .float64(configuration.skin)
        state["configuration/timestep"] = .float64(configuration.timestep)
        state["configuration/thermostat"] = .string(configuration.thermostat.rawValue)
        state["configuration/neighbor_every"] = .int64(Int64(configuration.neighborEvery))
        state["configuration/neighbor_check"] = .string(configuration.neighborCheck ? "yes" : "no")
        state["rng/seed"] = .array(StateArray(uint64: [configuration.seed]))
        state["initial_state/fingerprint"] = .array(StateArray(uint64: [initialStateFingerprint]))
        state["box/lower"] = .array(StateArray(float64: [box.lower.x, box.lower.y, box.lower.z]))
        state["box/upper"] = .array(StateArray(float64: [box.upper.x, box.upper.y, box.upper.z]))
        state["particles/id"] = share(atoms.ids)

        let groups: [(String, [UnsafeMutablePointer<Double>])] = [
            ("particles/position", [atoms.x, atoms.y, atoms.z]),
            ("particles/velocity", [atoms.vx, atoms.vy, atoms.vz]),
            ("particles/force", [atoms.fx, atoms.fy, atoms.fz]),
        ]
        for (group, pointers) in groups {
            for (component, pointer) in zip(Self.components, pointers) {
                state["\(group)/\(component)"] = share(pointer)
            }
        }
        for (component, images) in zip(Self.components, [atoms.imageX, atoms.imageY, atoms.imageZ]) {
            state["particles/image/\(component)"] = share(images)
        }
        for (component, pointer) in zip(Self.components, [atoms.heldX, atoms.heldY, atoms.heldZ]) {
            state["neighbor/held_position/\(component)"] = share(pointer)
        }
        state["neighbor/steps_since_build"] = .int64(Int64(stepsSinceBuild))
        state.layout = openPMDLayout()
        return state
    }

    /// Replaces positions, velocities, forces, image counts and the step by
    /// `state`, and rebuilds the neighbour list from its held positions.
    ///
    /// Every entry is read and checked before anything changes: settings,
    /// box and ids must equal this kernel's, per-atom arrays must hold this
    /// rank's block of atoms and real values must be finite. Collective:
    /// the ranks then exchange their blocks of positions, held positions
    /// and image counts.
    /// - Throws: ``KernelStateError`` naming the first bad entry, the
    ///   communicator's error when the exchange fails.
    public func restoreState(_ state: KernelState) throws {
        let count = atoms.localCount
        let share = block.count
        let step = try state.int64("step")
        guard step >= 0, step <= Int64(totalSteps) else {
            throw KernelStateError(.invalidValue, entry: "step", detail: "\(step) is outside 0...\(totalSteps)")
        }
        try expectEqual(state.int64("configuration/atoms"), Int64(count), entry: "configuration/atoms")
        try expectEqual(state.float64("configuration/cutoff"), configuration.cutoff, entry: "configuration/cutoff")
        try expectEqual(state.float64("configuration/skin"), configuration.skin, entry: "configuration/skin")
        try expectEqual(state.float64("configuration/timestep"), configuration.timestep, entry: "configuration/timestep")
        try expectEqual(state.string("configuration/thermostat"), configuration.thermostat.rawValue, entry: "configuration/thermostat")
        try expectEqual(state.int64("configuration/neighbor_every"), Int64(configuration.neighborEvery),
                        entry: "configuration/neighbor_every")
        try expectEqual(state.string("configuration/neighbor_check"), configuration.neighborCheck ? "yes" : "no",
                        entry: "configuration/neighbor_check")
        try expectEqual(uint64(in: state, entry: "rng/seed"), configuration.seed, entry: "rng/seed")
        guard try uint64(in: state, entry: "initial_state/fingerprint") == initialStateFingerprint else {
            throw KernelStateError(.mismatchedEntry, entry: "initial_state/fingerprint",
                                   detail: "the checkpoint was written by a job that started from other positions or velocities; resume with the unchanged --initial-state file or the same lattice settings")
        }
        try expectEqual(state.float64Array("box/lower", count: 3), [box.lower.x, box.lower.y, box.lower.z], entry: "box/lower")
        try expectEqual(state.float64Array("box/upper", count: 3), [box.upper.x, box.upper.y, box.upper.z], entry: "box/upper")
        guard try state.int64Array("particles/id", count: share)[...] == atoms.ids[block] else {
            throw KernelStateError(.mismatchedEntry, entry: "particles/id", detail: "the atom ids differ from this kernel's")
        }

        let names = ["particles/position", "particles/velocity", "particles/force", "neighbor/held_position"]
        var reals: [[Double]] = []
        for name in names {
            for component in Self.components {
                let entry = "\(name)/\(component)"
                let values = try state.float64Array(entry, count: share)
                if let bad = values.firstIndex(where: { !$0.isFinite }) {
                    throw KernelStateError(.invalidValue, entry: entry,
                                           detail: "value \(values[bad]) of atom \(atoms.ids[block.lowerBound + bad]) is not finite")
                }
                reals.append(values)
            }
        }
        let images = try Self.components.map { try state.int64Array("particles/image/\($0)", count: share) }
        let stepsSinceBuild = try state.int64("neighbor/steps_since_build")
        guard stepsSinceBuild >= 0, stepsSinceBuild <= step else {
            throw KernelStateError(.invalidValue, entry: "neighbor/steps_since_build",
                                   detail: "\(stepsSinceBuild) is outside 0...\(step), the completed steps")
        }

        // Everything is valid: replace the state.
        let targets = [atoms.x, atoms.y, atoms.z, atoms.vx, atoms.vy, atoms.vz,
                       atoms.fx, atoms.fy, atoms.fz, atoms.heldX, atoms.heldY, atoms.heldZ]
        for (values, target) in zip(reals, targets) {
            AtomArrays.copy(values, to: target + block.lowerBound)
        }
        atoms.imageX.replaceSubrange(block, with: images[0])
        atoms.imageY.replaceSubrange(block, with: images[1])
        atoms.imageZ.replaceSubrange(block, with: images[2])
        // Every rank needs all positions and image counts; velocities and
        // forces only for its own atoms.
        for pointer in [atoms.x, atoms.y, atoms.z, atoms.heldX, atoms.heldY, atoms.heldZ] {
            try gatherBlocks(pointer)
        }
        try gatherBlocks(&atoms.imageX)
        try gatherBlocks(&atoms.imageY)
        try gatherBlocks(&atoms.imageZ)
        completedSteps = Int(step)
        self.stepsSinceBuild = Int(stepsSinceBuild)
        buildFromHeldPositions()
    }

    private func uint64(in state: KernelState, entry: String) throws -> UInt64 {
        guard case .array(let array) = state[entry], case .uint64(let values) = array.elements, values.count == 1 else {
            throw KernelStateError(.mismatchedEntry, entry: entry, detail: "expected a uint64 array of one element")
        }
        return values[0]
    }

    private func expectEqual<Value: Equatable>(_ stored: Value, _ expected: Value, entry: String) throws {
        guard stored == expected else {
            throw KernelStateError(.mismatchedEntry, entry: entry, detail: "stored \(stored), this job has \(expected)")
        }
    }
}
