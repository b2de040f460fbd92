import Foundation
import Testing

/// Runs the built `simrun` binary as a child process.
///
/// The binary is `SIMRUN_BINARY` when set (`make test` points it at the
/// release build), else the debug build that `swift build` leaves in
/// `.build/debug/simrun`.
struct SimrunProcess {
    struct Result {
        var exitCode: Int32
        var standardOutput: String
        var standardError: String
    }

    static var binary: String {
        if let path = ProcessInfo.processInfo.environment["SIMRUN_BINARY"] { return path }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/simrun").path
    }

    let process = Process()
    private let outputFile: URL
    /// File that receives the process's standard error while it runs.
    let errorFile: URL

    /// Another executable of the package, from the directory of ``binary``.
    static func sibling(_ name: String) -> String {
        URL(fileURLWithPath: binary).deletingLastPathComponent().appendingPathComponent(name).path
    }

    /// Starts `simrun arguments` (or `executable arguments`) in `directory`
    /// without waiting.
    init(_ arguments: [String], in directory: URL, environment: [String: String] = [:], executable: String = Self.binary) throws {
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw TestSetupError("binary not found at \(executable): run 'swift build' or 'make test'")
        }
        outputFile = directory.appendingPathComponent(".stdout-\(UUID().uuidString)")
        errorFile = directory.appendingPathComponent(".stderr-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: outputFile.path, contents: nil)
        FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var merged = ProcessInfo.processInfo.environment
        merged.merge(environment) { $1 }
        process.environment = merged
        process.standardOutput = try FileHandle(forWritingTo: outputFile)
        process.standardError = try FileHandle(forWritingTo: errorFile)
        try process.run()
    }

    /// Runs `simrun arguments` in `directory` to the end.
    static func run(_ arguments: [String], in directory: URL, environment: [String: String] = [:],
                    executable: String = Self.binary) throws -> Result {
        try SimrunProcess(arguments, in: directory, environment: environment, executable: executable).wait()
    }

    /// Waits for the process, killing it after `timeout` seconds so that a
    /// hang fails the test instead of blocking the suite.
    func wait(timeout: Double = 300) throws -> Result {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning {
            if Date() > deadline {
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                throw TestSetupError("\(process.executableURL?.lastPathComponent ?? "simrun") \(process.arguments ?? []) did not finish within \(timeout) s")
            }
            usleep(5_000)
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
}

struct TestSetupError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// A fresh directory under the system temporary directory, removed by `remove()`.
struct ScratchDirectory {
    let url: URL

    init(_ label: String) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("perpetual-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}
