import PerpetualCore

/// A kernel that `simrun` can run: its options and how to build it from
/// resolved option values.
struct KernelEntry: Sendable {
    var name: String
    var summary: String
    /// Kernel options: role ``OptionSpec/Role/physics`` for settings that
    /// change the results, ``OptionSpec/Role/execution`` for those that do
    /// not (such as the `train` kernel's device capacity).
    var options: [OptionSpec]
    /// Names of options that have no default and must be given.
    var required: [String]
    /// Builds a fresh kernel from resolved values.
    /// - Throws: ``UsageError`` naming the option and value when one is invalid.
    var make: @Sendable (OptionValues) throws -> any Kernel
    /// Builds the kernel of rank `rank` of `rankCount` in a job of several
    /// ranks, or `nil` for a kernel that runs as one process only.
    var makeForRank: (@Sendable (_ values: OptionValues, _ rank: Int, _ rankCount: Int) throws -> any Kernel)? = nil
    /// Builds this rank's kernel in a job of several ranks for a kernel whose
    /// ranks exchange data while they run. Used in place of ``makeForRank``
    /// when set; the kernel makes collective calls on the communicator.
    var makeWithCommunicator: (@Sendable (_ values: OptionValues, _ communicator: any Communicator) throws -> any Kernel)? = nil
    /// Lines for the end-of-job summary, read from the consolidated trace.
    var summarize: @Sendable (String) throws -> [String]
}

/// Kernels built into `simrun`.
enum KernelCatalog {
    static let entries: [KernelEntry] = [MCMCEntry.entry, MDEntry.entry, TrainEntry.entry]

    static var names: [String] { entries.map(\.name) }

    /// Returns the entry called `name`.
    /// - Throws: ``UsageError`` listing the available kernels.
    static func entry(named name: String) throws -> KernelEntry {
        guard let entry = entries.first(where: { $0.name == name }) else {
            throw UsageError("unknown kernel '\(name)' in --kernel; available: \(names.joined(separator: ", "))", command: "run")
        }
        return entry
    }
}
