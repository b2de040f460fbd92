import PerpetualCore

extension MDKernel {
    /// Thermo rows in group `thermo`, one scalar per ``ThermoSample/columns``
    /// entry, accumulating along `step`. The `step` column holds the step
    /// number, because rows come only at step 0, every `thermoEvery` steps
    /// and at the last step (see ``advanceStep()``).
    public var traceSchema: TraceSchema {
        TraceSchema(ThermoSample.columns.map { TraceSchema.Variable(name: $0, group: "thermo", shape: [], dimensions: []) },
                    rowDimension: "step")
    }

    /// Positions, velocities and image counts of all atoms in id order,
    /// with positions as stored (wrapped at the last neighbour build).
    /// NOTE: in a job of several ranks, velocities of other ranks' atoms are
    /// those of the latest thermo step, not current.
    public func particleState() -> ParticleState {
        let count = atoms.localCount
        var state = ParticleState(
            ids: atoms.ids,
            x: AtomArrays.array(atoms.x, count: count), y: AtomArrays.array(atoms.y, count: count),
            z: AtomArrays.array(atoms.z, count: count),
            vx: AtomArrays.array(atoms.vx, count: count), vy: AtomArrays.array(atoms.vy, count: count),
            vz: AtomArrays.array(atoms.vz, count: count), box: box)
        state.imageX = atoms.imageX
        state.imageY = atoms.imageY
        state.imageZ = atoms.imageZ
        return state
    }

    /// Forces of the latest evaluation, in id order, as (x, y, z) arrays;
    /// in a job of several ranks only this rank's atoms are current.
    public func forces() -> (x: [Double], y: [Double], z: [Double]) {
        let count = atoms.localCount
        return (AtomArrays.array(atoms.fx, count: count), AtomArrays.array(atoms.fy, count: count),
                AtomArrays.array(atoms.fz, count: count))
    }
}
