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
        for index in 0..<atoms.localCount {
            let position = SIMD3(atoms.heldX[index], atoms.heldY[index], atoms.heldZ[index])
            var shifts: [[Double]] = [[0], [0], [0]]
            for dimension in 0..<3 {
                if position[dimension] < box.lower[dimension] + cutoff { shifts[dimension].append(lengths[dimension]) }
                if position[dimension] >= box.upper[dimension] - cutoff { shifts[dimension].append(-lengths[dimension]) }
            }
            for sx in shifts[0] {
                for sy in shifts[1] {
                    for sz in shifts[2] where sx != 0 || sy != 0 || sz != 0 {
                        layer.owners.append(Int32(index))
                        layer.shiftX.append(sx)
                        layer.shiftY.append(sy)
                        layer.shiftZ.append(sz)
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
