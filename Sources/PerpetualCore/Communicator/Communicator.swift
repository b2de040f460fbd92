/// The group of processes (ranks) that run one job together, and the few
/// collective operations the harness and the checkpoint layer need.
///
/// Every operation is collective: all ranks must call the same operations in
/// the same order with matching arguments, or the job hangs. Operations
/// throw the implementation's own typed error when the transport fails.
///
/// ``SingleProcessCommunicator`` is the implementation for a job of one
/// process; the coordination module provides the MPI one. The core harness
/// depends only on this protocol, never on MPI.
public protocol Communicator: AnyObject {
    /// This process's index, `0..<size`.
    var rank: Int { get }
    /// Number of ranks in the job, at least 1.
    var size: Int { get }

    /// Replaces each element of `values` by its maximum over all ranks. Every
    /// rank passes the same count.
    func allreduceMaximum(_ values: inout [Double]) throws

    /// Returns the bytes that rank `root` passed, on every rank; the other
    /// ranks' `bytes` are ignored.
    func broadcast(_ bytes: [UInt8], root: Int) throws -> [UInt8]

    /// Returns every rank's bytes, indexed by rank, on every rank.
    func allgather(_ bytes: [UInt8]) throws -> [[UInt8]]

    /// Returns every rank's bytes, indexed by rank, on `root`, and `nil` on
    /// the other ranks.
    func gather(_ bytes: [UInt8], root: Int) throws -> [[UInt8]]?

    /// Returns once every rank has called it.
    func barrier() throws
}

extension Communicator {
    /// Whether this is rank 0, the rank that makes the job's single decisions
    /// (which generation to resume, file renames) and logs progress.
    public var isRoot: Bool { rank == 0 }
}
