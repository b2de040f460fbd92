/// Merges defaults, a configuration file and command-line options into the
/// resolved values of a job, and checks what a resume may change.
enum OptionResolution {
    /// Returns every option a `run` command accepts for `kernel`.
    static func runOptions(for kernel: KernelEntry) -> [OptionSpec] {
        [KernelCatalog.kernelOption] + RunOptions.shared + kernel.options + [RunOptions.config, RunOptions.help]
    }

    /// Resolves the values of a fresh run: defaults, then the configuration
    /// file, then the command line. Invocation-only options are dropped.
    static func resolveFresh(_ parsed: ParsedArguments) throws -> OptionValues {
        // The kernel decides which options exist, so find it first.
        var fileValues: [String: String] = [:]
        if let path = parsed.values["config"] {
            let known = Set(KernelCatalog.entries.flatMap(runOptions(for:)).filter { $0.role != .invocation }.map(\.name))
            fileValues = try ConfigurationFile.read(path: path, knownOptions: known)
        }
        let kernelName = parsed.values["kernel"] ?? fileValues["kernel"] ?? KernelCatalog.kernelOption.defaultValue!
        let kernel = try KernelCatalog.entry(named: kernelName)
        let options = runOptions(for: kernel)

        // Options of other kernels in the file are a mistake worth naming.
        for key in fileValues.keys where !options.contains(where: { $0.name == key }) {
            throw UsageError("configuration file key '\(key)' is not an option of kernel '\(kernel.name)'", command: "run")
        }

        var values: [String: String] = [:]
        for option in options where option.role != .invocation {
            if let value = parsed.values[option.name] ?? fileValues[option.name] ?? option.defaultValue {
                values[option.name] = value
            }
        }
        for name in kernel.required where values[name] == nil {
            let spec = kernel.options.first { $0.name == name }
            throw UsageError("missing required option --\(name)\(spec.map { ": \($0.help)" } ?? "")", command: "run")
        }
        return OptionValues(values)
    }

    /// Resolves the values of a resumed run: the values stored in the
    /// checkpoint, with execution options replaced by those on the command
    /// line. A physics option on the command line must equal the stored value.
    static func resolveResume(stored: [String: String], parsed: ParsedArguments, checkpointPath: String) throws -> OptionValues {
        guard let kernelName = stored["kernel"] else {
            throw UsageError("checkpoint '\(checkpointPath)' stores no kernel name in its configuration", command: "resume")
        }
        let kernel = try KernelCatalog.entry(named: kernelName)
        var values = stored
        for option in runOptions(for: kernel) {
            guard let given = parsed.values[option.name] else { continue }
            switch option.role {
            case .invocation:
                continue
            case .execution:
                values[option.name] = given
            case .physics:
                let storedValue = stored[option.name] ?? option.defaultValue ?? ""
                if !sameValue(given, storedValue) {
                    throw UsageError(
                        "--\(option.name) '\(given)' conflicts with the checkpoint, which was written with \(option.name) '\(storedValue)'. A resumed job keeps its kernel settings: drop --\(option.name), or start a new job with '\(ProgramName.current) run' and another --checkpoint path",
                        command: "resume")
                }
            }
        }
        values["checkpoint"] = checkpointPath
        return OptionValues(values)
    }

    /// Compares two option values as typed: `4` equals `4.0` and ` 4`.
    static func sameValue(_ a: String, _ b: String) -> Bool {
        let a = a.trimmingSpaces(), b = b.trimmingSpaces()
        if a == b { return true }
        if let x = UInt64(a), let y = UInt64(b) { return x == y }
        if let x = Int64(a), let y = Int64(b) { return x == y }
        if Int64(a) == nil, Int64(b) == nil, let x = Double(a), let y = Double(b) { return x == y }
        return false
    }
}
