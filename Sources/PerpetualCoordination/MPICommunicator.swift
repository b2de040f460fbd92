import PerpetualCore
import PerpetualMPI

/// The ``Communicator`` of a job launched by `mpirun` or `srun`: all ranks
/// of `MPI_COMM_WORLD`.
///
/// Create it with ``MPIEnvironment/start(environment:)``. Every failure of an
/// MPI call throws ``CoordinationError`` with MPI's message, because the
/// communicator returns errors (`MPI_ERRORS_RETURN`) instead of aborting.
public final class MPICommunicator: Communicator {
    /// The wrapped communicator, for the MPI-IO file driver.
    package let comm: MPIComm

    init(comm: MPIComm) {
        self.comm = comm
    }

    public var rank: Int { comm.rank }
    public var size: Int { comm.size }

    /// Wraps `MPI_Allreduce` with `MPI_MAX` on `MPI_DOUBLE`, in place.
    public func allreduceMaximum(_ values: inout [Double]) throws {
        try wrap { try comm.allreduceMaximum(&values) }
    }

    /// Wraps `MPI_Bcast` of the length, then of the bytes.
    public func broadcast(_ bytes: [UInt8], root: Int) throws -> [UInt8] {
        precondition(root >= 0 && root < size, "broadcast root \(root) is outside 0..<\(size)")
        return try wrap { try comm.broadcast(bytes, root: root) }
    }

    /// Wraps `MPI_Allgather` of the lengths, then `MPI_Allgatherv`.
    public func allgather(_ bytes: [UInt8]) throws -> [[UInt8]] {
        try wrap { try comm.allgather(bytes) }
    }

    /// Wraps `MPI_Gather` of the lengths, then `MPI_Gatherv`.
    public func gather(_ bytes: [UInt8], root: Int) throws -> [[UInt8]]? {
        precondition(root >= 0 && root < size, "gather root \(root) is outside 0..<\(size)")
        return try wrap { try comm.gather(bytes, root: root) }
    }

    /// Wraps `MPI_Barrier`.
    public func barrier() throws {
        try wrap { try comm.barrier() }
    }

    private func wrap<Result>(_ body: () throws -> Result) throws -> Result {
        do {
            return try body()
        } catch let error as MPIError {
            throw CoordinationError(rank: rank, operation: error.operation, message: error.message, code: error.code)
        }
    }
}
