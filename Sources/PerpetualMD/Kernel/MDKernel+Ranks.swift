import PerpetualCore

/// Distribution of the atoms over the ranks of a job.
///
/// Every rank keeps the positions of all atoms, builds the ghosts and makes
/// the neighbour-list decision from them, and so reaches the same decision
/// as every other rank without communication. Each rank computes forces,
/// velocities and the Langevin part only for its block of atoms in id order
/// (``BlockPartition``), with neighbour-list rows for those atoms only. After
/// each drift the ranks exchange their blocks of positions (allgather of
/// 3·N/P doubles per rank); at thermo steps, also velocities and per-atom
/// pair energies and virials, which every rank sums in id order.
///
/// Per-atom sums run over the same neighbours in the same order whatever the
/// rank count, and totals are summed atom by atom in id order, so a job on
/// any number of ranks gives the bytes of a single-process job.
///
/// Scaling: the allgather moves all positions to every rank each step, and
/// every rank bins all atoms and ghosts at each build, so the serial part
/// grows with N and the speed-up stops at a few ranks (an estimate, not
/// measured); spatial decomposition with halo exchange would scale further.
extension MDKernel {
    /// Overwrites the other ranks' blocks of `values` (one value per atom, id
    /// order) with theirs, so that every rank has all values.
    /// - Throws: the communicator's error when the exchange fails.
    func gatherBlocks<Element: BitwiseCopyable>(_ values: UnsafeMutablePointer<Element>) throws {
        guard communicator.size > 1 else { return }
        let stride = MemoryLayout<Element>.stride
        let mine = UnsafeRawBufferPointer(start: values + block.lowerBound, count: block.count * stride)
        let parts = try communicator.allgather(Array(mine))
        for (rank, bytes) in parts.enumerated() where rank != communicator.rank {
            let range = BlockPartition.range(count: atoms.localCount, rank: rank, size: communicator.size)
            precondition(bytes.count == range.count * stride,
                         "rank \(rank) sent \(bytes.count) bytes for atoms \(range); the ranks disagree on the atom count")
            guard !range.isEmpty else { continue }
            bytes.withUnsafeBytes { source in
                UnsafeMutableRawPointer(values + range.lowerBound).copyMemory(from: source.baseAddress!, byteCount: bytes.count)
            }
        }
    }

    /// ``gatherBlocks(_:)`` for an array of one value per atom.
    func gatherBlocks<Element: BitwiseCopyable>(_ values: inout [Element]) throws {
        try values.withUnsafeMutableBufferPointer { buffer in
            if let base = buffer.baseAddress { try gatherBlocks(base) }
        }
    }

    /// The partition of this rank's block in the global per-atom arrays.
    var blockPartition: StateArray.Partition {
        StateArray.Partition(globalRows: atoms.localCount, offset: block.lowerBound)
    }
}
