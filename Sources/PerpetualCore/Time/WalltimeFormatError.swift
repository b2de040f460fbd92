/// A walltime string that ``Walltime/parse(_:)`` cannot read.
///
/// It is bad user input: the command-line tool reports it with exit code 64.
/// The message quotes the input, states the problem and lists the accepted
/// forms.
public struct WalltimeFormatError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The string as given, before trimming.
    public var input: String
    /// The problem found, for example `minutes must be 0–59, got 75`.
    public var reason: String

    public init(input: String, reason: String) {
        self.input = input
        self.reason = reason
    }

    /// The accepted forms, as listed in every message.
    public static let acceptedForms =
        "MM, MM:SS, HH:MM:SS, D-HH, D-HH:MM, D-HH:MM:SS (a bare number is minutes), "
        + "UNLIMITED or INFINITE, or a number with a unit: 90s, 15m, 1.5h, 1d"

    public var description: String {
        "invalid walltime '\(input)': \(reason). Accepted forms: \(WalltimeFormatError.acceptedForms)"
    }
}
