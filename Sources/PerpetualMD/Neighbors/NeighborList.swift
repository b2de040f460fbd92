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
    /// `radius`, using cells of edge at least `radius / 2` over the box grown
    /// by `radius` on each side and a stencil of the cells that can hold
    /// such a neighbour.
    ///
    /// The result depends only on the positions and their order: cells are
    /// scanned in a fixed order and atoms in each cell in index order.
    static func build(atoms: AtomArrays, box: SimulationBox, radius: Double, expectedPairs: Int = 0) -> NeighborList {
        let total = atoms.localCount + atoms.ghostCount
        let grid = CellGrid(box: box, margin: radius, cellsPerMargin: 2)
        let cells = CellBins(grid: grid, x: atoms.x, y: atoms.y, z: atoms.z, count: total)
        defer { cells.deallocate() }
        let stencil = grid.stencil(radius: radius)
        let radiusSquared = radius * radius
        let x = atoms.x, y = atoms.y, z = atoms.z

        // Neighbours go into a raw buffer that doubles when full, which
        // avoids the uniqueness check of Array.append in the inner loop.
        var offsets = [Int](repeating: 0, count: atoms.localCount + 1)
        var capacity = Swift.max(expectedPairs + expectedPairs / 8, 64)
        var buffer = UnsafeMutablePointer<Int32>.allocate(capacity: capacity)
        defer { buffer.deallocate() }
        var used = 0
        for i in 0..<atoms.localCount {
            let home = grid.cell(x[i], y[i], z[i])
            let xi = x[i], yi = y[i], zi = z[i]
            for offset in stencil {
                let cx = home.x + offset.x, cy = home.y + offset.y, cz = home.z + offset.z
                guard cx >= 0, cy >= 0, cz >= 0, cx < grid.counts.x, cy < grid.counts.y, cz < grid.counts.z else { continue }
                let cell = grid.linearIndex(cx, cy, cz)
                let first = cells.starts[cell], end = cells.starts[cell + 1]
                if used + (end - first) > capacity {
                    let grown = UnsafeMutablePointer<Int32>.allocate(capacity: 2 * capacity + (end - first))
                    grown.moveInitialize(from: buffer, count: used)
                    buffer.deallocate()
                    buffer = grown
                    capacity = 2 * capacity + (end - first)
                }
                // Every candidate is written, and the count advances only
                // for a neighbour, so this loop has no branch to mispredict.
                for slot in first..<end {
                    let dx = xi - cells.x[slot], dy = yi - cells.y[slot], dz = zi - cells.z[slot]
                    let j = cells.atoms[slot]
                    buffer[used] = j
                    let isClose = dx * dx + dy * dy + dz * dz < radiusSquared ? 1 : 0
                    let isOther = Int(j) != i ? 1 : 0
                    used &+= isClose & isOther
                }
            }
            offsets[i + 1] = used
        }
        var list = NeighborList()
        list.offsets = offsets
        list.neighbors = Array(UnsafeBufferPointer(start: buffer, count: used))
        return list
    }
}

/// A grid of cells with edge at least `margin / cellsPerMargin` over the
/// box grown by `margin` on each side, which contains every ghost.
struct CellGrid {
    var origin: SIMD3<Double>
    var cellSize: SIMD3<Double>
    var counts: SIMD3<Int>

    init(box: SimulationBox, margin: Double, cellsPerMargin: Int) {
        let extent = box.lengths + 2 * margin
        let edge = margin / Double(cellsPerMargin)
        origin = box.lower - margin
        counts = SIMD3(Swift.max(1, Int(extent.x / edge)), Swift.max(1, Int(extent.y / edge)), Swift.max(1, Int(extent.z / edge)))
        cellSize = extent / SIMD3(Double(counts.x), Double(counts.y), Double(counts.z))
    }

    var cellCount: Int { counts.x * counts.y * counts.z }

    /// Cell offsets whose cells come closer than `radius` to the home cell,
    /// in z, y, x order.
    func stencil(radius: Double) -> [SIMD3<Int>] {
        let reach = SIMD3(Int((radius / cellSize.x).rounded(.up)), Int((radius / cellSize.y).rounded(.up)),
                          Int((radius / cellSize.z).rounded(.up)))
        var offsets: [SIMD3<Int>] = []
        for dz in -reach.z...reach.z {
            for dy in -reach.y...reach.y {
                for dx in -reach.x...reach.x {
                    // Smallest distance between a point of the home cell and one of the other cell.
                    let gaps = SIMD3(Double(Swift.max(abs(dx) - 1, 0)), Double(Swift.max(abs(dy) - 1, 0)),
                                     Double(Swift.max(abs(dz) - 1, 0))) * cellSize
                    if (gaps * gaps).sum() < radius * radius { offsets.append(SIMD3(dx, dy, dz)) }
                }
            }
        }
        return offsets
    }

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
}
