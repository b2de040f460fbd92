/// Neighbour-list maintenance: the rebuild rule, wrapping into the box,
/// the ghost layer and the list itself.
extension MDKernel {
    /// Counts one more step since the last build and decides whether to
    /// rebuild now, as LAMMPS's `Neighbor::decide` does with `delay 0`.
    /// A rebuild is considered every `neighborEvery` steps since the last
    /// one. With `neighborCheck` it happens only when an atom has moved
    /// more than half the skin. An unchecked rebuild after such a move is
    /// counted in ``dangerousBuilds``.
    func neighborRebuildIsDue() -> Bool {
        stepsSinceBuild += 1
        guard stepsSinceBuild % configuration.neighborEvery == 0 else { return false }
        let moved = hasMovedHalfSkin()
        if !configuration.neighborCheck {
            if moved { dangerousBuilds += 1 }
            return true
        }
        return moved
    }

    /// Whether any local atom has moved more than half the skin since the
    /// last build (LAMMPS's `neigh_modify check yes`).
    func hasMovedHalfSkin() -> Bool {
        let limit = 0.25 * configuration.skin * configuration.skin
        for index in 0..<atoms.localCount {
            let dx = atoms.x[index] - atoms.heldX[index]
            let dy = atoms.y[index] - atoms.heldY[index]
            let dz = atoms.z[index] - atoms.heldZ[index]
            if dx * dx + dy * dy + dz * dz > limit { return true }
        }
        return false
    }

    /// Rejects a displacement since the last build that is not finite or
    /// exceeds half the shortest box edge. No stable run moves an atom that
    /// far between two builds, and ``wrapIntoBox()`` would loop once per box
    /// length, or forever for an infinite position.
    /// - Throws: ``MDConfigurationError`` for field `timestep`.
    func checkDisplacements(step: Int) throws {
        let lengths = box.lengths
        let limit = 0.5 * min(lengths.x, min(lengths.y, lengths.z))
        for index in 0..<atoms.localCount {
            let dx = atoms.x[index] - atoms.heldX[index]
            let dy = atoms.y[index] - atoms.heldY[index]
            let dz = atoms.z[index] - atoms.heldZ[index]
            let distance = (dx * dx + dy * dy + dz * dz).squareRoot()
            guard distance.isFinite, distance <= limit else {
                throw MDConfigurationError(
                    field: "timestep", value: "\(configuration.timestep)",
                    expected: "a time step at which atoms stay on their neighbour lists, but an atom moved \(distance) σ by step \(step), more than half the box (\(limit) σ): the integration is unstable; lower --dt or --temperature")
            }
        }
    }

    /// Wraps atoms into the box, stores the build positions, and rebuilds
    /// the ghosts and the neighbour list from them.
    func rebuildNeighborList() {
        stepsSinceBuild = 0
        wrapIntoBox()
        atoms.heldX.update(from: atoms.x, count: atoms.localCount)
        atoms.heldY.update(from: atoms.y, count: atoms.localCount)
        atoms.heldZ.update(from: atoms.z, count: atoms.localCount)
        buildFromHeldPositions()
    }

    /// Builds ghosts and the list from the held positions, which equal the
    /// current ones right after a rebuild. A restored kernel calls this with
    /// the held positions of the checkpoint, which rebuilds the identical
    /// list the original run was using.
    func buildFromHeldPositions() {
        ghosts = GhostLayer.build(atoms: atoms, box: box, cutoff: neighborRadius)
        atoms.setGhostCount(ghosts.count)
        let current = (AtomArrays.array(atoms.x, count: atoms.localCount),
                       AtomArrays.array(atoms.y, count: atoms.localCount),
                       AtomArrays.array(atoms.z, count: atoms.localCount))
        AtomArrays.copy(AtomArrays.array(atoms.heldX, count: atoms.localCount), to: atoms.x)
        AtomArrays.copy(AtomArrays.array(atoms.heldY, count: atoms.localCount), to: atoms.y)
        AtomArrays.copy(AtomArrays.array(atoms.heldZ, count: atoms.localCount), to: atoms.z)
        ghosts.update(atoms)
        neighborList = NeighborList.build(atoms: atoms, box: box, radius: neighborRadius,
                                          expectedPairs: neighborList.neighbors.count)
        AtomArrays.copy(current.0, to: atoms.x)
        AtomArrays.copy(current.1, to: atoms.y)
        AtomArrays.copy(current.2, to: atoms.z)
        ghosts.update(atoms)
        neighborListBuilds += 1
    }

    /// Moves every atom outside `[lower, upper)` by whole box lengths and
    /// counts the moves in its image flags, as LAMMPS's `Domain::remap` does.
    func wrapIntoBox() {
        let lower = box.lower, upper = box.upper, lengths = box.lengths
        let coordinates = [atoms.x, atoms.y, atoms.z]
        for dimension in 0..<3 {
            let values = coordinates[dimension]
            for index in 0..<atoms.localCount {
                var shift: Int64 = 0
                while values[index] < lower[dimension] {
                    values[index] += lengths[dimension]
                    shift -= 1
                }
                while values[index] >= upper[dimension] {
                    values[index] -= lengths[dimension]
                    shift += 1
                }
                // With lower ≠ 0, upper − length can round to just below lower.
                if values[index] < lower[dimension] { values[index] = lower[dimension] }
                if shift != 0 { addImage(shift, dimension: dimension, index: index) }
            }
        }
    }

    private func addImage(_ shift: Int64, dimension: Int, index: Int) {
        switch dimension {
        case 0: atoms.imageX[index] += shift
        case 1: atoms.imageY[index] += shift
        default: atoms.imageZ[index] += shift
        }
    }
}
