/// A failed MPI call of the coordination layer.
public struct CoordinationError: Error, CustomStringConvertible, Sendable, Equatable {
    /// Rank that saw the failure, or -1 when MPI was not initialised yet.
    public var rank: Int
    /// Name of the MPI function, for example `MPI_Allreduce`.
    public var operation: String
    /// MPI's description of the error (`MPI_Error_string`).
    public var message: String
    /// The MPI error code, or 0 when the failure was found by Perpetual.
    public var code: Int32

    public init(rank: Int, operation: String, message: String, code: Int32) {
        self.rank = rank
        self.operation = operation
        self.message = message
        self.code = code
    }

    public var description: String {
        let location = rank >= 0 ? " on rank \(rank)" : ""
        return "\(operation) failed\(location): \(message) (MPI error code \(code)); check that all ranks are alive and the MPI installation works (mpirun -np 2 hostname)"
    }
}
