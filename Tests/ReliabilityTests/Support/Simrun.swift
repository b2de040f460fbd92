import Foundation
import Testing

/// The built `simrun` binary run as a child process, with a timeout on
/// every wait so that a hang fails the test instead of blocking the suite.
///
/// The binary is `SIMRUN_BINARY` when set (`make test` points it at the
/// release build), else `.build/release/simrun`, then `.build/debug/simrun`.
struct Simrun {
    struct Result {
        var exitCode: Int32
        var standardOutput: String
        var standardError: String
    }

    /// Maximum time in seconds that one simrun process of these tests may take.
    static let timeoutSeconds = 120.0

    static var binary: String {
        if let path = ProcessInfo.processInfo.environment["SIMRUN_BINARY"] { return path }
        let root = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let release = root.appendingPathComponent(".build/release/simrun").path
        if FileManager.default.isExecutableFile(atPath: release) { return release }
        return root.appendingPathComponent(".build/debug/simrun").path
    }

    let process = Process()
    private let outputFile: URL
    let errorFile: URL

    /// Starts `simrun arguments` in `directory` without waiting.
    init(_ arguments: [String], in directory: URL, environment: [String: String] = [:]) throws {
        guard FileManager.default.isExecutableFile(atPath: Self.binary) else {
            throw SetupError("simrun binary not found at \(Self.binary): run 'swift build -c release' or set SIMRUN_BINARY")
        }
        outputFile = directory.appendingPathComponent(".stdout-\(UUID().uuidString)")
        errorFile = directory.appendingPathComponent(".stderr-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: outputFile.path, contents: nil)
        FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var merged = ProcessInfo.processInfo.environment
        // The fault variables of an outer run must not leak into these processes.
        for name in ["PERPETUAL_TEST_KILL_AT", "PERPETUAL_TEST_STOP_AT", "PERPETUAL_TEST_FAIL_HDF5_WRITE", "HDF5_USE_FILE_LOCKING"] {
            merged[name] = nil
        }
        merged.merge(environment) { $1 }
        process.environment = merged
        process.standardOutput = try FileHandle(forWritingTo: outputFile)
        process.standardError = try FileHandle(forWritingTo: errorFile)
        try process.run()
    }

    /// Runs `simrun arguments` in `directory` to the end.
    static func run(_ arguments: [String], in directory: URL, environment: [String: String] = [:]) throws -> Result {
        try Simrun(arguments, in: directory, environment: environment).wait()
    }

    /// Waits for the process and returns its exit code (128 + the signal
    /// number when a signal ended it) and output. Kills it with SIGKILL and
    /// throws after `timeout` seconds.
    func wait(timeout: Double = Simrun.timeoutSeconds) throws -> Result {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning {
            if Date() > deadline {
                kill(process.processIdentifier, SIGCONT)
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                throw SetupError("simrun \(process.arguments ?? []) did not finish within \(timeout) s")
            }
            usleep(2_000)
        }
        process.waitUntilExit()
        let output = (try? String(contentsOf: outputFile, encoding: .utf8)) ?? ""
        let error = (try? String(contentsOf: errorFile, encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(at: outputFile)
        try? FileManager.default.removeItem(at: errorFile)
        let status = process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
        return Result(exitCode: status, standardOutput: output, standardError: error)
    }

    func send(_ signal: Int32) {
        kill(process.processIdentifier, signal)
    }

    /// Waits until the process is stopped by a signal (state `T` in
    /// `/proc/PID/stat`), as `PERPETUAL_TEST_STOP_AT` leaves it. Throws when
    /// it exits first or after `timeout` seconds.
    func waitUntilStopped(timeout: Double = Simrun.timeoutSeconds) throws {
        let deadline = Date().addingTimeInterval(timeout)
        let statPath = "/proc/\(process.processIdentifier)/stat"
        while Date() < deadline {
            guard process.isRunning else {
                let error = (try? String(contentsOf: errorFile, encoding: .utf8)) ?? ""
                throw SetupError("simrun exited before it stopped at the test hook; its standard error: \(error)")
            }
            // The state is the field after the parenthesised command name.
            if let stat = try? String(contentsOfFile: statPath, encoding: .utf8),
               let close = stat.lastIndex(of: ")"),
               stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).hasPrefix("T") {
                return
            }
            usleep(2_000)
        }
        throw SetupError("simrun did not stop at the test hook within \(timeout) s")
    }

    /// Waits until the standard error contains `text`.
    func waitForText(_ text: String, timeout: Double = Simrun.timeoutSeconds) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let contents = (try? String(contentsOf: errorFile, encoding: .utf8)) ?? ""
            if contents.contains(text) { return }
            guard process.isRunning else {
                throw SetupError("simrun exited before writing '\(text)'; its standard error: \(contents)")
            }
            usleep(2_000)
        }
        throw SetupError("'\(text)' did not appear in the standard error within \(timeout) s")
    }
}

struct SetupError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
