/// One `--name VALUE` option or `--name` flag of a command, as listed in
/// `--help` and accepted as a key in a JSON configuration file.
public struct OptionSpec: Sendable {
    /// The option's relation to a checkpointed job.
    public enum Role: Sendable {
        /// Defines the computation (model, seed, sizes). It is stored in the
        /// checkpoint and cannot change on resume, because the result would
        /// no longer be the same job.
        case physics
        /// Controls how this segment runs (walltime, checkpoint cadence).
        /// Stored in the checkpoint, and may be overridden on resume.
        case execution
        /// Affects only this invocation and is never stored.
        case invocation
    }

    /// Option name without the leading dashes, for example `draws`.
    public var name: String
    /// Placeholder shown in help, for example `N`; `nil` for a flag without value.
    public var valueName: String?
    /// Default value as the user would type it; `nil` when the option is
    /// required or has no default.
    public var defaultValue: String?
    public var role: Role
    public var help: String

    public init(_ name: String, value valueName: String?, default defaultValue: String? = nil,
                role: Role, help: String) {
        self.name = name
        self.valueName = valueName
        self.defaultValue = defaultValue
        self.role = role
        self.help = help
    }

    public var isFlag: Bool { valueName == nil }
}
