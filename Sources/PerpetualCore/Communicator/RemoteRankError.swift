/// A failure on another rank, received by this rank when the ranks agreed on
/// the outcome of a collective step (see
/// ``Communicator/agreeOnFailure(_:isInputError:)``).
public struct RemoteRankError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The lowest rank that failed.
    public var rank: Int
    /// That rank's error message.
    public var message: String
    /// Whether that rank's error blamed input data (a corrupt checkpoint)
    /// rather than the environment.
    public var isInputError: Bool

    public init(rank: Int, message: String, isInputError: Bool) {
        self.rank = rank
        self.message = message
        self.isInputError = isInputError
    }

    public var description: String { "rank \(rank) failed: \(message)" }
}
