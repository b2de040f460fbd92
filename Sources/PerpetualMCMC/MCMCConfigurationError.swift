/// An invalid field of an ``MCMCConfiguration``.
///
/// The command-line tool maps it to exit code 64 (usage error).
public struct MCMCConfigurationError: Error, CustomStringConvertible, Sendable, Equatable {
    /// Name of the invalid field as spelled in ``MCMCConfiguration``, for example `chains`.
    public var field: String
    /// The rejected value, as text.
    public var value: String
    /// The valid range or choices.
    public var expected: String

    public init(field: String, value: String, expected: String) {
        self.field = field
        self.value = value
        self.expected = expected
    }

    public var description: String {
        "invalid MCMC configuration: \(field) is '\(value)', expected \(expected)"
    }
}
