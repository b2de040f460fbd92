import Foundation

/// Name of the running program in help texts, log hints and `--version`:
/// `simrun` for the built-in tool, the executable's file name for a program
/// built with ``PerpetualCommandLine``.
enum ProgramName {
    /// Name of the built-in tool, the value until a program sets another.
    static let builtIn = "simrun"

    /// Set once at start-up, before any thread reads it.
    private final class Storage: @unchecked Sendable {
        let lock = NSLock()
        var name = ProgramName.builtIn
    }
    private static let storage = Storage()

    /// The name that messages use for the running program.
    static var current: String {
        storage.lock.withLock { storage.name }
    }

    /// Sets the name that messages use; traps on an empty name.
    static func install(_ name: String) {
        precondition(!name.isEmpty, "the program name must not be empty")
        storage.lock.withLock { storage.name = name }
    }

    /// Returns the file name of the running executable (the last component
    /// of `argv[0]`), or `simrun` when the process has no `argv[0]`.
    static func ofExecutable(arguments: [String] = CommandLine.arguments) -> String {
        guard let first = arguments.first else { return builtIn }
        let name = URL(fileURLWithPath: first).lastPathComponent
        return name.isEmpty ? builtIn : name
    }
}
