/// A failure of the Slurm integration: a Slurm command that could not run
/// or whose output could not be read, or a job-script setting that Slurm
/// cannot take.
///
/// ``Code/invalidSetting`` is bad user input, which the command-line tool
/// reports with exit code 64. The other codes are environment failures.
public struct SlurmError: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Code: Sendable, Equatable {
        /// The Slurm command is not on `PATH`.
        case commandNotFound
        /// The command could not be started, or it exited non-zero.
        case commandFailed
        /// The command did not finish within its timeout and was killed.
        case commandTimedOut
        /// The command ran but printed something this module cannot read.
        case invalidOutput
        /// A job-script setting is invalid.
        case invalidSetting
    }

    public var code: Code
    /// Message naming what failed, the value involved and what to do next.
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
