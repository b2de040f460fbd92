/// Periodic images of the local atoms that lie within `cutoff` of the box,
/// so that pair loops need no minimum-image arithmetic.
///
/// Ghost `g` sits at the position of local atom `owners[g]` plus the
/// shift. One layer of images is enough when `cutoff` is at most the box
/// edge; ``MDKernel`` checks that. When `cutoff` exceeds half an edge, an
/// atom may see two images of the same neighbour, which is the correct
/// periodic interaction and is what LAMMPS computes too.
struct GhostLayer {
    var owners: [Int32] = []
    var shiftX: [Double] = []
    var shiftY: [Double] = []
    var shiftZ: [Double] = []

    var count: Int { owners.count }

    /// Finds the images of the local atoms at the held positions, which must
    /// lie inside the box. Images are listed by owner, then by shift.
    static func build(atoms: AtomArrays, box: SimulationBox, cutoff: Double) -> GhostLayer {
        var layer = GhostLayer()
        let lengths = box.lengths
        layer.owners.reserveCapacity(atoms.localCount)
        layer.shiftX.reserveCapacity(atoms.localCount)
        layer.shiftY.reserveCapacity(atoms.localCount)
        layer.shiftZ.reserveCapacity(atoms.localCount)
        for index in 0..<atoms.localCount {
            let position = SIMD3(atoms.heldX[index], atoms.heldY[index], atoms.heldZ[index])
            // Per dimension: shift 0, then +length near the lower face, then
            // −length near the upper face: the ghost order of ``build``.
            var first = SIMD3<Double>.zero, second = SIMD3<Double>.zero
            var counts = SIMD3<Int>(repeating: 1)
            for dimension in 0..<3 {
                if position[dimension] < box.lower[dimension] + cutoff {
                    first[dimension] = lengths[dimension]
                    counts[dimension] = 2
                }
                if position[dimension] >= box.upper[dimension] - cutoff {
                    if counts[dimension] == 1 { first[dimension] = -lengths[dimension] } else { second[dimension] = -lengths[dimension] }
                    counts[dimension] += 1
                }
            }
            guard counts != SIMD3(repeating: 1) else { continue }
            func shift(_ choice: Int, _ dimension: Int) -> Double {
                choice == 0 ? 0 : (choice == 1 ? first[dimension] : second[dimension])
            }
            for a in 0..<counts.x {
                for b in 0..<counts.y {
                    for c in 0..<counts.z where a != 0 || b != 0 || c != 0 {
                        layer.owners.append(Int32(index))
                        layer.shiftX.append(shift(a, 0))
                        layer.shiftY.append(shift(b, 1))
                        layer.shiftZ.append(shift(c, 2))
                    }
                }
            }
        }
        return layer
    }

    /// Writes the ghost positions from the current local positions.
    func update(_ atoms: AtomArrays) {
        let local = atoms.localCount
        let x = atoms.x, y = atoms.y, z = atoms.z
        owners.withUnsafeBufferPointer { owners in
            shiftX.withUnsafeBufferPointer { sx in
                shiftY.withUnsafeBufferPointer { sy in
                    shiftZ.withUnsafeBufferPointer { sz in
                        for ghost in 0..<owners.count {
                            let owner = Int(owners[ghost])
                            x[local + ghost] = x[owner] + sx[ghost]
                            y[local + ghost] = y[owner] + sy[ghost]
                            z[local + ghost] = z[owner] + sz[ghost]
                        }
                    }
                }
            }
        }
    }
}
