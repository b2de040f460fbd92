import Foundation

/// Runs a Slurm client command (`squeue`, `scontrol`, `sbatch`) as a child
/// process with an argument array, never through a shell.
public struct SlurmCommand: Sendable {
    /// Program name, looked up on `PATH`, or an absolute path.
    public var program: String
    public var arguments: [String]
    /// Seconds after which the command is killed with SIGKILL.
    public var timeoutSeconds: Double

    public init(_ program: String, _ arguments: [String], timeoutSeconds: Double = 30) {
        self.program = program
        self.arguments = arguments
        self.timeoutSeconds = timeoutSeconds
    }

    /// Runs the command and returns its standard output.
    ///
    /// Standard output and standard error go to temporary files rather than
    /// pipes, so a command that prints a lot cannot block on a full pipe.
    /// - Throws: ``SlurmError`` with ``SlurmError/Code/commandNotFound``,
    ///   ``SlurmError/Code/commandFailed`` (start failure or non-zero exit,
    ///   with its standard error) or ``SlurmError/Code/commandTimedOut``.
    public func run(environment: [String: String] = ProcessInfo.processInfo.environment) throws(SlurmError) -> String {
        let executable = try resolveExecutable(environment: environment)
        let display = ([program] + arguments).joined(separator: " ")

        let directory = FileManager.default.temporaryDirectory
        let outputURL = directory.appendingPathComponent("perpetual-slurm-\(UUID().uuidString).out")
        let errorURL = directory.appendingPathComponent("perpetual-slurm-\(UUID().uuidString).err")
        defer {
            try? FileManager.default.removeItem(at: outputURL)
            try? FileManager.default.removeItem(at: errorURL)
        }

        let process = Process()
        do {
            guard FileManager.default.createFile(atPath: outputURL.path, contents: nil),
                  FileManager.default.createFile(atPath: errorURL.path, contents: nil) else {
                throw SlurmError(.commandFailed, "could not create output files for '\(display)' in \(directory.path)")
            }
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
            process.environment = environment
            process.standardInput = FileHandle.nullDevice
            process.standardOutput = try FileHandle(forWritingTo: outputURL)
            process.standardError = try FileHandle(forWritingTo: errorURL)
            try process.run()
        } catch {
            throw SlurmError(.commandFailed, "could not start '\(display)': \(error)")
        }

        // Poll instead of waitUntilExit so that a hung command is killed.
        let deadline = Date().addingTimeInterval(timeoutSeconds)
        while process.isRunning {
            if Date() > deadline {
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                throw SlurmError(.commandTimedOut, "'\(display)' did not finish within \(timeoutSeconds) s and was killed; check that slurmctld responds ('scontrol ping')")
            }
            usleep(2_000)
        }
        process.waitUntilExit()

        let output = (try? String(contentsOf: outputURL, encoding: .utf8)) ?? ""
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            let errorText = ((try? String(contentsOf: errorURL, encoding: .utf8)) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            let termination = process.terminationReason == .exit ? "exited with status \(process.terminationStatus)" : "was killed by signal \(process.terminationStatus)"
            throw SlurmError(.commandFailed, "'\(display)' \(termination)\(errorText.isEmpty ? "" : ": \(errorText)")")
        }
        return output
    }

    /// Returns the absolute path of ``program``, searching `PATH` when it
    /// contains no slash.
    func resolveExecutable(environment: [String: String]) throws(SlurmError) -> String {
        if program.contains("/") {
            return program
        }
        let searchPath = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in searchPath.split(separator: ":") where !directory.isEmpty {
            let candidate = "\(directory)/\(program)"
            if FileManager.default.isExecutableFile(atPath: candidate) {
                return candidate
            }
        }
        throw SlurmError(.commandNotFound, "'\(program)' was not found on PATH (\(searchPath)); load the Slurm client tools or add them to PATH")
    }
}
