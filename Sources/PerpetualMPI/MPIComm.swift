import CMPI

/// `MPI_COMM_WORLD` with checked collective operations.
///
/// Every method is collective: all ranks must call the same methods in the
/// same order, or the job hangs. Only the main thread may call them
/// (`MPI_THREAD_FUNNELED`).
package final class MPIComm: @unchecked Sendable {
    /// The raw communicator, for `H5Pset_fapl_mpio`.
    package let handle: MPI_Comm?
    package let rank: Int
    package let size: Int

    private init(handle: MPI_Comm?, rank: Int, size: Int) {
        self.handle = handle
        self.rank = rank
        self.size = size
    }

    /// Returns `MPI_COMM_WORLD`. Traps unless ``MPIRuntime/initialize()`` ran first.
    package static func world() throws -> MPIComm {
        let initialized = try MPIRuntime.isInitialized()
        precondition(initialized, "MPIComm.world() needs MPI to be initialised; call MPIRuntime.initialize() first")
        let handle = perpetual_MPI_COMM_WORLD()
        try MPICall.check("MPI_Comm_set_errhandler") { MPI_Comm_set_errhandler(handle, perpetual_MPI_ERRORS_RETURN()) }
        var rank: Int32 = 0
        var size: Int32 = 0
        try MPICall.check("MPI_Comm_rank") { MPI_Comm_rank(handle, &rank) }
        try MPICall.check("MPI_Comm_size") { MPI_Comm_size(handle, &size) }
        return MPIComm(handle: handle, rank: Int(rank), size: Int(size))
    }

    /// Blocks until every rank has called it (`MPI_Barrier`).
    package func barrier() throws {
        try MPICall.check("MPI_Barrier") { MPI_Barrier(handle) }
    }

    /// Replaces each element by its maximum over all ranks (`MPI_Allreduce`
    /// with `MPI_MAX`, in place). Every rank must pass the same count.
    package func allreduceMaximum(_ values: inout [Double]) throws {
        let count = Int32(values.count)
        try values.withUnsafeMutableBytes { buffer in
            try MPICall.check("MPI_Allreduce") {
                MPI_Allreduce(perpetual_MPI_IN_PLACE(), buffer.baseAddress, count, perpetual_MPI_DOUBLE(), perpetual_MPI_MAX(), handle)
            }
        }
    }

    /// Returns the bytes of rank `root` on every rank (`MPI_Bcast` of the
    /// length, then of the bytes). Other ranks' `bytes` are ignored.
    package func broadcast(_ bytes: [UInt8], root: Int) throws -> [UInt8] {
        var length = [Int64(bytes.count)]
        try length.withUnsafeMutableBytes { buffer in
            try MPICall.check("MPI_Bcast") { MPI_Bcast(buffer.baseAddress, 8, perpetual_MPI_BYTE(), Int32(root), handle) }
        }
        var result = rank == root ? bytes : [UInt8](repeating: 0, count: Int(length[0]))
        try checkCount(Int(length[0]), operation: "MPI_Bcast")
        if length[0] == 0 { return result }
        try result.withUnsafeMutableBytes { buffer in
            try MPICall.check("MPI_Bcast") {
                MPI_Bcast(buffer.baseAddress, Int32(length[0]), perpetual_MPI_BYTE(), Int32(root), handle)
            }
        }
        return result
    }

    /// Returns every rank's bytes, indexed by rank, on every rank
    /// (`MPI_Allgather` of the lengths, then `MPI_Allgatherv`).
    package func allgather(_ bytes: [UInt8]) throws -> [[UInt8]] {
        try checkCount(bytes.count, operation: "MPI_Allgatherv")
        var counts = [Int32](repeating: 0, count: size)
        var ownCount = Int32(bytes.count)
        try counts.withUnsafeMutableBytes { buffer in
            try MPICall.check("MPI_Allgather") {
                MPI_Allgather(&ownCount, 1, perpetual_MPI_INT(), buffer.baseAddress, 1, perpetual_MPI_INT(), handle)
            }
        }
        let (displacements, total) = try Self.displacements(of: counts)
        var received = [UInt8](repeating: 0, count: max(total, 1))
        try bytes.withUnsafeBytes { send in
            try received.withUnsafeMutableBytes { receive in
                try MPICall.check("MPI_Allgatherv") {
                    MPI_Allgatherv(send.baseAddress ?? UnsafeRawPointer(receive.baseAddress), ownCount, perpetual_MPI_BYTE(),
                                   receive.baseAddress, counts, displacements, perpetual_MPI_BYTE(), handle)
                }
            }
        }
        return Self.split(received, counts: counts, displacements: displacements)
    }

    /// Returns every rank's bytes, indexed by rank, on `root`, and `nil` on
    /// the other ranks (`MPI_Gather` of the lengths, then `MPI_Gatherv`).
    package func gather(_ bytes: [UInt8], root: Int) throws -> [[UInt8]]? {
        try checkCount(bytes.count, operation: "MPI_Gatherv")
        var counts = [Int32](repeating: 0, count: size)
        var ownCount = Int32(bytes.count)
        try counts.withUnsafeMutableBytes { buffer in
            try MPICall.check("MPI_Gather") {
                MPI_Gather(&ownCount, 1, perpetual_MPI_INT(), buffer.baseAddress, 1, perpetual_MPI_INT(), Int32(root), handle)
            }
        }
        let (displacements, total) = rank == root ? try Self.displacements(of: counts) : ([Int32](repeating: 0, count: size), 0)
        var received = [UInt8](repeating: 0, count: max(total, 1))
        try bytes.withUnsafeBytes { send in
            try received.withUnsafeMutableBytes { receive in
                try MPICall.check("MPI_Gatherv") {
                    MPI_Gatherv(send.baseAddress ?? UnsafeRawPointer(receive.baseAddress), ownCount, perpetual_MPI_BYTE(),
                                receive.baseAddress, counts, displacements, perpetual_MPI_BYTE(), Int32(root), handle)
                }
            }
        }
        return rank == root ? Self.split(received, counts: counts, displacements: displacements) : nil
    }

    /// MPI counts are `int`: a message of 2 GiB or more needs another scheme.
    private func checkCount(_ count: Int, operation: String) throws {
        guard count <= Int(Int32.max) else {
            throw MPIError(operation: operation, code: 0,
                           message: "a message of \(count) bytes exceeds the 2 GiB limit of one MPI call")
        }
    }

    private static func displacements(of counts: [Int32]) throws -> ([Int32], Int) {
        var displacements = [Int32](repeating: 0, count: counts.count)
        var total = 0
        for index in counts.indices {
            guard total <= Int(Int32.max) else {
                throw MPIError(operation: "MPI_Gatherv", code: 0,
                               message: "the gathered messages exceed the 2 GiB limit of one MPI call")
            }
            displacements[index] = Int32(total)
            total += Int(counts[index])
        }
        return (displacements, total)
    }

    private static func split(_ received: [UInt8], counts: [Int32], displacements: [Int32]) -> [[UInt8]] {
        counts.indices.map { index in
            let start = Int(displacements[index])
            return Array(received[start..<(start + Int(counts[index]))])
        }
    }
}
