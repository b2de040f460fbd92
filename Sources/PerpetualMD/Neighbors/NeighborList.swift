/// A full Verlet neighbour list in compressed rows: the neighbours of local
/// atom `i` are `neighbors[offsets[i] ..< offsets[i + 1]]`, indices into the
/// position arrays (local atoms and ghosts).
///
/// "Full" means each pair appears twice, once from each side, so a force
/// loop writes only to atom `i` and needs no scatter; energies and virials
/// summed over it count every pair twice.
struct NeighborList {
    var offsets: [Int] = [0]
    var neighbors: [Int32] = []

    /// Lists, for each local atom, every other atom or ghost closer than
    /// `radius`, using cells of edge at least `radius` over the box grown
    /// by `radius` on each side.
    ///
    /// The result depends only on the positions and their order: cells are
    /// scanned in a fixed order and atoms in each cell in index order.
    static func build(atoms: AtomArrays, box: SimulationBox, radius: Double) -> NeighborList {
        let total = atoms.localCount + atoms.ghostCount
        let grid = CellGrid(box: box, margin: radius)
        let cells = grid.sortIntoCells(x: atoms.x, y: atoms.y, z: atoms.z, count: total)
        let radiusSquared = radius * radius
        let x = atoms.x, y = atoms.y, z = atoms.z

        var list = NeighborList()
        list.offsets.reserveCapacity(atoms.localCount + 1)
        for i in 0..<atoms.localCount {
            let home = grid.cell(x[i], y[i], z[i])
            for cz in max(home.z - 1, 0)...min(home.z + 1, grid.counts.z - 1) {
                for cy in max(home.y - 1, 0)...min(home.y + 1, grid.counts.y - 1) {
                    for cx in max(home.x - 1, 0)...min(home.x + 1, grid.counts.x - 1) {
                        let cell = grid.linearIndex(cx, cy, cz)
                        for slot in cells.starts[cell]..<cells.starts[cell + 1] {
                            let j = Int(cells.atoms[slot])
                            if j == i { continue }
                            let dx = x[i] - x[j], dy = y[i] - y[j], dz = z[i] - z[j]
                            if dx * dx + dy * dy + dz * dz < radiusSquared {
                                list.neighbors.append(Int32(j))
                            }
                        }
                    }
                }
            }
            list.offsets.append(list.neighbors.count)
        }
        return list
    }
}

/// A grid of cells with edge at least `margin` over the box grown by
/// `margin` on each side, which contains every ghost.
struct CellGrid {
    var origin: SIMD3<Double>
    var cellSize: SIMD3<Double>
    var counts: SIMD3<Int>

    init(box: SimulationBox, margin: Double) {
        let extent = box.lengths + 2 * margin
        origin = box.lower - margin
        counts = SIMD3(Swift.max(1, Int(extent.x / margin)), Swift.max(1, Int(extent.y / margin)), Swift.max(1, Int(extent.z / margin)))
        cellSize = extent / SIMD3(Double(counts.x), Double(counts.y), Double(counts.z))
    }

    var cellCount: Int { counts.x * counts.y * counts.z }

    /// Cell coordinates of a point, clamped to the grid.
    func cell(_ x: Double, _ y: Double, _ z: Double) -> SIMD3<Int> {
        func coordinate(_ value: Double, _ dimension: Int) -> Int {
            let index = Int(((value - origin[dimension]) / cellSize[dimension]).rounded(.down))
            return Swift.min(Swift.max(index, 0), counts[dimension] - 1)
        }
        return SIMD3(coordinate(x, 0), coordinate(y, 1), coordinate(z, 2))
    }

    func linearIndex(_ cx: Int, _ cy: Int, _ cz: Int) -> Int {
        (cz * counts.y + cy) * counts.x + cx
    }

    /// Atoms grouped by cell by a stable counting sort: cell `c` holds
    /// `atoms[starts[c] ..< starts[c + 1]]` in ascending index order.
    func sortIntoCells(x: UnsafeMutablePointer<Double>, y: UnsafeMutablePointer<Double>, z: UnsafeMutablePointer<Double>,
                       count: Int) -> (starts: [Int], atoms: [Int32]) {
        var cellOfAtom = [Int](repeating: 0, count: count)
        var starts = [Int](repeating: 0, count: cellCount + 1)
        for atom in 0..<count {
            let c = cell(x[atom], y[atom], z[atom])
            let index = linearIndex(c.x, c.y, c.z)
            cellOfAtom[atom] = index
            starts[index + 1] += 1
        }
        for index in 0..<cellCount {
            starts[index + 1] += starts[index]
        }
        var next = starts
        var atoms = [Int32](repeating: 0, count: count)
        for atom in 0..<count {
            atoms[next[cellOfAtom[atom]]] = Int32(atom)
            next[cellOfAtom[atom]] += 1
        }
        return (starts, atoms)
    }
}
