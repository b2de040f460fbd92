extension Communicator {
    /// Makes all ranks agree on the outcome of a step that each rank ran on
    /// its own: returns when no rank failed, and throws on every rank when
    /// any rank did.
    ///
    /// Collective: one allreduce, plus one broadcast of the message when a
    /// rank failed. The lowest failing rank rethrows its own `error`; every
    /// other rank throws a ``RemoteRankError`` with that rank's message, so
    /// all ranks report the same failure instead of some of them waiting
    /// forever in the next collective call.
    public func agreeOnFailure(_ error: (any Error)?) throws {
        if size == 1 {
            if let error { throw error }
            return
        }
        // The maximum of size - rank over failing ranks names the lowest one.
        var flag = [error == nil ? 0 : Double(size - rank)]
        try allreduceMaximum(&flag)
        guard flag[0] > 0 else { return }

        let failedRank = size - Int(flag[0])
        let payload = rank == failedRank ? Array("\(error.map { "\($0)" } ?? "")".utf8) : []
        let received = try broadcast(payload, root: failedRank)
        if rank == failedRank, let error { throw error }
        throw RemoteRankError(rank: failedRank, message: String(decoding: received, as: UTF8.self))
    }

    /// Runs `body` on rank 0 only, then makes all ranks agree on its outcome
    /// with ``agreeOnFailure(_:)``.
    public func onRoot(_ body: () throws -> Void) throws {
        var failure: (any Error)?
        if isRoot {
            do { try body() } catch { failure = error }
        }
        try agreeOnFailure(failure)
    }
}
