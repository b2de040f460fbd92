import Foundation

/// The signal Slurm sends the batch shell before the time limit
/// (`--signal=B:<NAME>@<lead>`), which the generated script forwards to
/// `simrun` so that it checkpoints and exits 75.
public enum StopSignalName: String, Sendable, CaseIterable {
    /// The default.
    case usr1 = "USR1"
    /// For jobs in which a library already uses SIGUSR1.
    case usr2 = "USR2"

    /// Parses `USR1`, `SIGUSR1`, `usr2` and similar.
    /// - Throws: ``SlurmError`` with ``SlurmError/Code/invalidSetting``
    ///   quoting any other name.
    public static func parse(_ text: String) throws(SlurmError) -> StopSignalName {
        var name = text.trimmingCharacters(in: .whitespaces).uppercased()
        if name.hasPrefix("SIG") {
            name.removeFirst(3)
        }
        guard let signal = StopSignalName(rawValue: name) else {
            throw SlurmError(.invalidSetting, "invalid value '\(text)' for --signal: expected USR1 or USR2 (simrun stops on these with a checkpoint; TERM is what Slurm sends at the time limit itself)")
        }
        return signal
    }
}
