/// Atoms and ghosts grouped by the cell of a ``CellGrid`` that contains
/// them, with copies of their positions in that order, so that the
/// neighbour search reads each cell's candidates from contiguous memory.
///
/// A stable counting sort: cell `c` contains slots `starts[c] ..< starts[c + 1]`,
/// and within a cell atoms keep ascending index order. The buffers are raw
/// and freed by ``deallocate()``, which the owner calls when the search is done.
struct CellBins {
    /// `cellCount + 1` slot offsets.
    let starts: UnsafeMutablePointer<Int>
    /// Atom index of each slot.
    let atoms: UnsafeMutablePointer<Int32>
    /// Positions of each slot's atom.
    let x: UnsafeMutablePointer<Double>
    let y: UnsafeMutablePointer<Double>
    let z: UnsafeMutablePointer<Double>

    init(grid: CellGrid, x sourceX: UnsafeMutablePointer<Double>, y sourceY: UnsafeMutablePointer<Double>,
         z sourceZ: UnsafeMutablePointer<Double>, count: Int) {
        let cellCount = grid.cellCount
        starts = .allocate(capacity: cellCount + 1)
        starts.initialize(repeating: 0, count: cellCount + 1)
        let capacity = Swift.max(count, 1)
        atoms = .allocate(capacity: capacity)
        x = .allocate(capacity: capacity)
        y = .allocate(capacity: capacity)
        z = .allocate(capacity: capacity)
        let cellOfAtom = UnsafeMutablePointer<Int32>.allocate(capacity: capacity)
        defer { cellOfAtom.deallocate() }

        // Count the atoms of each cell, then turn counts into start offsets.
        for atom in 0..<count {
            let cell = grid.cell(sourceX[atom], sourceY[atom], sourceZ[atom])
            let index = grid.linearIndex(cell.x, cell.y, cell.z)
            cellOfAtom[atom] = Int32(truncatingIfNeeded: index)
            starts[index + 1] += 1
        }
        for index in 0..<cellCount {
            starts[index + 1] += starts[index]
        }

        // Place each atom at the next free slot of its cell.
        let next = UnsafeMutablePointer<Int>.allocate(capacity: cellCount)
        defer { next.deallocate() }
        next.initialize(from: starts, count: cellCount)
        for atom in 0..<count {
            let cell = Int(cellOfAtom[atom])
            let slot = next[cell]
            next[cell] = slot + 1
            atoms[slot] = Int32(truncatingIfNeeded: atom)
            x[slot] = sourceX[atom]
            y[slot] = sourceY[atom]
            z[slot] = sourceZ[atom]
        }
    }

    func deallocate() {
        starts.deallocate()
        atoms.deallocate()
        x.deallocate()
        y.deallocate()
        z.deallocate()
    }
}
