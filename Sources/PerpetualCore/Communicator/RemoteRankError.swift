/// A failure on another rank, received by this rank when the ranks agreed on
/// the outcome of a collective step (see ``Communicator/agreeOnFailure(_:)``).
public struct RemoteRankError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The lowest rank that failed.
    public var rank: Int
    /// That rank's error message.
    public var message: String

    public init(rank: Int, message: String) {
        self.rank = rank
        self.message = message
    }

    public var description: String { "rank \(rank) failed: \(message)" }
}
