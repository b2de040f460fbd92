/// An invalid setting of an MD job: a field of ``MDConfiguration``, or a
/// box or particle state that the settings cannot run on.
///
/// The command-line tool maps it to exit code 64 (usage error), or 65 when
/// the value came from an initial-state file.
public struct MDConfigurationError: Error, CustomStringConvertible, Sendable, Equatable {
    /// Name of the invalid field, for example `cutoff` or `box`.
    public var field: String
    /// The rejected value, as text.
    public var value: String
    /// The valid range or what to change.
    public var expected: String

    public init(field: String, value: String, expected: String) {
        self.field = field
        self.value = value
        self.expected = expected
    }

    public var description: String {
        "invalid MD configuration: \(field) is '\(value)', expected \(expected)"
    }
}
