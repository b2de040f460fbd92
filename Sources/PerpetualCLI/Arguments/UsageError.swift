/// Invalid command-line arguments or configuration values. `simrun` prints
/// the message with a pointer to `--help` and exits with code 64.
public struct UsageError: Error, CustomStringConvertible, Sendable, Equatable {
    public var message: String
    /// Command whose help the message points to, for example `run`.
    public var command: String?

    public init(_ message: String, command: String? = nil) {
        self.message = message
        self.command = command
    }

    public var description: String { message }
}
