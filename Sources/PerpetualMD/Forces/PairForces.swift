/// Lennard-Jones forces on a range of local atoms from a full neighbour list.
///
/// Both loops compute the same sums. The scalar loop adds neighbours one at
/// a time in list order; the SIMD loop adds them in four lanes and sums the
/// lanes at the end, so results agree to round-off, not bit for bit. Each
/// is deterministic for the same input, which is what a bit-exact restart
/// needs. Every per-atom sum depends only on that atom's list row, not on
/// which other rows are computed.
enum PairForces {
    /// Overwrites the forces of the atoms in `rows` and, when `computeTotals`
    /// is set, their per-atom pair energies and virials (energy and virial
    /// cost about a sixth more). Per-atom values count each pair fully, so
    /// the totals are half their sums over all atoms.
    static func compute(_ atoms: AtomArrays, rows: Range<Int>, list: NeighborList, potential: LennardJones,
                        loop: MDConfiguration.ForceLoop, computeTotals: Bool) {
        list.offsets.withUnsafeBufferPointer { offsets in
            list.neighbors.withUnsafeBufferPointer { neighbors in
                switch (loop, computeTotals) {
                case (.simd, true): simd(atoms, rows, offsets, neighbors, potential, totals: true)
                case (.simd, false): simd(atoms, rows, offsets, neighbors, potential, totals: false)
                case (.scalar, _): scalar(atoms, rows, offsets, neighbors, potential, totals: computeTotals)
                }
            }
        }
    }

    /// The reference loop: one neighbour at a time.
    static func scalar(_ atoms: AtomArrays, _ rows: Range<Int>, _ offsets: UnsafeBufferPointer<Int>,
                       _ neighbors: UnsafeBufferPointer<Int32>, _ potential: LennardJones, totals: Bool) {
        let x = atoms.x, y = atoms.y, z = atoms.z
        let cutoffSquared = potential.cutoffSquared
        for i in rows {
            var fx = 0.0, fy = 0.0, fz = 0.0
            var energy = 0.0, virial = 0.0
            for slot in offsets[i]..<offsets[i + 1] {
                let j = Int(neighbors[slot])
                let dx = x[i] - x[j], dy = y[i] - y[j], dz = z[i] - z[j]
                let r2 = dx * dx + dy * dy + dz * dz
                guard r2 < cutoffSquared else { continue }
                let r2inv = 1 / r2
                let r6inv = r2inv * r2inv * r2inv
                let fpair = r6inv * (48 * r6inv - 24) * r2inv
                fx += dx * fpair
                fy += dy * fpair
                fz += dz * fpair
                if totals {
                    energy += 4 * r6inv * (r6inv - 1) - potential.energyShift
                    virial += fpair * r2
                }
            }
            atoms.fx[i] = fx
            atoms.fy[i] = fy
            atoms.fz[i] = fz
            if totals {
                atoms.pairEnergy[i] = energy
                atoms.pairVirial[i] = virial
            }
        }
    }

    /// Four neighbours per iteration in `SIMD4<Double>` lanes; positions are
    /// gathered lane by lane, lanes beyond the cutoff are masked to zero, and
    /// the last `count mod 4` neighbours go through padded lanes.
    @inline(__always)
    static func simd(_ atoms: AtomArrays, _ rows: Range<Int>, _ offsets: UnsafeBufferPointer<Int>,
                     _ neighbors: UnsafeBufferPointer<Int32>, _ potential: LennardJones, totals: Bool) {
        typealias Lanes = SIMD4<Double>
        let x = atoms.x, y = atoms.y, z = atoms.z
        let cutoffSquared = Lanes(repeating: potential.cutoffSquared)
        let shift = Lanes(repeating: potential.energyShift)
        for i in rows {
            let xi = Lanes(repeating: x[i]), yi = Lanes(repeating: y[i]), zi = Lanes(repeating: z[i])
            var fx = Lanes.zero, fy = Lanes.zero, fz = Lanes.zero
            var energy = Lanes.zero, virial = Lanes.zero
            let end = offsets[i + 1]
            var slot = offsets[i]
            while slot < end {
                // Padded lanes point at atom i itself: r² = 0 fails the
                // r² > 0 test below and contributes nothing.
                let j0 = Int(neighbors[slot])
                let j1 = slot + 1 < end ? Int(neighbors[slot + 1]) : i
                let j2 = slot + 2 < end ? Int(neighbors[slot + 2]) : i
                let j3 = slot + 3 < end ? Int(neighbors[slot + 3]) : i
                slot += 4
                let dx = xi - Lanes(x[j0], x[j1], x[j2], x[j3])
                let dy = yi - Lanes(y[j0], y[j1], y[j2], y[j3])
                let dz = zi - Lanes(z[j0], z[j1], z[j2], z[j3])
                let r2 = dx * dx + dy * dy + dz * dz
                let inside = (r2 .< cutoffSquared) .& (r2 .> .zero)
                let r2inv = Lanes.zero.replacing(with: 1 / r2, where: inside)
                let r6inv = r2inv * r2inv * r2inv
                let fpair = r6inv * (48 * r6inv - 24) * r2inv
                fx += dx * fpair
                fy += dy * fpair
                fz += dz * fpair
                if totals {
                    let pairEnergy = 4 * r6inv * (r6inv - 1) - shift
                    energy += Lanes.zero.replacing(with: pairEnergy, where: inside)
                    virial += fpair * r2
                }
            }
            atoms.fx[i] = fx.sum()
            atoms.fy[i] = fy.sum()
            atoms.fz[i] = fz.sum()
            if totals {
                atoms.pairEnergy[i] = energy.sum()
                atoms.pairVirial[i] = virial.sum()
            }
        }
    }
}
