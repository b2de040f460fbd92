import Foundation
import PerpetualCore

/// A kernel that `simrun`, or a program built with ``PerpetualCommandLine``,
/// can run: its command-line options and how to build it from their values.
public struct KernelEntry: Sendable {
    /// Value of `--kernel` that selects this kernel; usually the kernel's
    /// ``Kernel/kernelName``, which resuming checks against the checkpoint.
    public var name: String
    /// One line for `run --help`.
    public var summary: String
    /// Kernel options: role ``OptionSpec/Role/physics`` for settings that
    /// change the results, ``OptionSpec/Role/execution`` for those that do
    /// not (such as the `train` kernel's device capacity).
    public var options: [OptionSpec]
    /// Names of options that have no default and must be given.
    public var required: [String]
    /// Builds a fresh kernel from resolved values.
    /// - Throws: ``UsageError`` naming the option and value when one is invalid.
    public var make: @Sendable (OptionValues) throws -> any Kernel
    /// Builds the kernel of rank `rank` of `rankCount` in a job of several
    /// ranks, or `nil` for a kernel that runs as one process only.
    public var makeForRank: (@Sendable (_ values: OptionValues, _ rank: Int, _ rankCount: Int) throws -> any Kernel)?
    /// Builds this rank's kernel in a job of several ranks for a kernel whose
    /// ranks exchange data while they run. Used in place of ``makeForRank``
    /// when set; the kernel makes collective calls on the communicator.
    public var makeWithCommunicator: (@Sendable (_ values: OptionValues, _ communicator: any Communicator) throws -> any Kernel)?
    /// Lines for the end-of-job summary, read from the consolidated trace at
    /// the path it receives.
    public var summarize: @Sendable (String) throws -> [String]

    /// Creates an entry. The option names must not repeat those every kernel
    /// shares (`checkpoint`, `walltime`, `segment-steps` and the others that
    /// `run --help` lists first) nor those of `verify` (`steps`,
    /// `directory`, `keep-files`): ``PerpetualCommandLine`` traps on them.
    public init(name: String, summary: String, options: [OptionSpec], required: [String] = [],
                make: @escaping @Sendable (OptionValues) throws -> any Kernel,
                makeForRank: (@Sendable (_ values: OptionValues, _ rank: Int, _ rankCount: Int) throws -> any Kernel)? = nil,
                makeWithCommunicator: (@Sendable (_ values: OptionValues, _ communicator: any Communicator) throws -> any Kernel)? = nil,
                summarize: @escaping @Sendable (String) throws -> [String] = { _ in [] }) {
        self.name = name
        self.summary = summary
        self.options = options
        self.required = required
        self.make = make
        self.makeForRank = makeForRank
        self.makeWithCommunicator = makeWithCommunicator
        self.summarize = summarize
    }
}

/// The kernels this process offers: the built-in ones in `simrun`, or those
/// a program passes to ``PerpetualCommandLine/main(kernels:arguments:)``.
enum KernelCatalog {
    static let builtIn: [KernelEntry] = [MCMCEntry.entry, MDEntry.entry, TrainEntry.entry]

    /// Set once at start-up, before any thread reads it.
    private final class Storage: @unchecked Sendable {
        let lock = NSLock()
        var entries = KernelCatalog.builtIn
    }
    private static let storage = Storage()

    static var entries: [KernelEntry] {
        storage.lock.withLock { storage.entries }
    }

    /// Replaces the kernels on offer. Traps on an empty list, a repeated
    /// kernel name, or a kernel option named like a shared option.
    static func install(_ entries: [KernelEntry]) {
        precondition(!entries.isEmpty, "PerpetualCommandLine needs at least one kernel entry")
        precondition(Set(entries.map(\.name)).count == entries.count,
                     "kernel entry names repeat: \(entries.map(\.name)); give each kernel its own name")
        let reserved = Set((RunOptions.shared + [RunOptions.kernel, RunOptions.config, RunOptions.resume, RunOptions.help]).map(\.name))
            .union(VerifyCommand.ownOptions)
        for entry in entries {
            for option in entry.options {
                precondition(!reserved.contains(option.name),
                             "kernel '\(entry.name)' declares option '--\(option.name)', which every program built on PerpetualCLI already uses; rename the option")
            }
        }
        storage.lock.withLock { storage.entries = entries }
    }

    static var names: [String] { entries.map(\.name) }

    /// The `--kernel` option: its default is the first kernel on offer.
    static var kernelOption: OptionSpec {
        var option = RunOptions.kernel
        option.defaultValue = names.first
        option.help = "Kernel to run. Available: \(names.joined(separator: ", "))."
        return option
    }

    /// The `--config` option, with an example built from the first two
    /// options with defaults of the first kernel on offer (`model` and
    /// `sampler` in `simrun`), so that a program with its own kernels shows
    /// its own.
    static var configOption: OptionSpec {
        var option = RunOptions.config
        let examples = (entries.first?.options ?? []).compactMap { option in
            option.defaultValue.map { (name: option.name, value: $0) }
        }.prefix(2)
        guard !examples.isEmpty else {
            option.help = "JSON file of option values, keyed by option name without dashes. Command-line options take precedence."
            return option
        }
        let members = examples.map { "\"\($0.name)\": \(jsonValue($0.value))" }
        option.help = "JSON file of option values, keyed by option name without dashes, for example {\(members.joined(separator: ", "))}. Command-line options take precedence."
        return option
    }

    /// Returns `text` as a JSON number when it is one, else as a JSON string.
    private static func jsonValue(_ text: String) -> String {
        if text.wholeMatch(of: /-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/) != nil {
            return text
        }
        let escaped = text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return "\"\(escaped)\""
    }

    /// Returns the entry called `name`.
    /// - Throws: ``UsageError`` listing the available kernels.
    static func entry(named name: String) throws -> KernelEntry {
        guard let entry = entries.first(where: { $0.name == name }) else {
            throw UsageError("unknown kernel '\(name)' in --kernel; available: \(names.joined(separator: ", "))", command: "run")
        }
        return entry
    }
}
