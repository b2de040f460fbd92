import Foundation
import Testing

/// A test could not set up what it needs (a binary, Python, a file).
struct TestSetupError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// A uniquely named directory under the system's temporary directory,
/// removed by ``remove()``.
struct TemporaryDirectory {
    let url: URL

    init(_ label: String) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("perpetual-report-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    func remove() { try? FileManager.default.removeItem(at: url) }
}

/// Result of a finished child process.
struct CommandResult {
    var exitCode: Int32
    var standardOutput: String
    var standardError: String
}

/// Runs executables to the end, with output captured in files so that a
/// large output cannot block the child on a full pipe.
enum Command {
    /// The `simrun` binary: `SIMRUN_BINARY` when set (`make test` sets it to
    /// the release build), else the debug build.
    static var simrun: String {
        if let path = ProcessInfo.processInfo.environment["SIMRUN_BINARY"] { return path }
        return packageRoot.appendingPathComponent(".build/debug/simrun").path
    }

    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// Path of a script in `Tests/ReportTests/Python`.
    static func script(_ name: String) -> String {
        packageRoot.appendingPathComponent("Tests/ReportTests/Python/\(name)").path
    }

    /// Runs `simrun arguments` in `directory`.
    static func runSimrun(_ arguments: [String], in directory: TemporaryDirectory) throws -> CommandResult {
        guard FileManager.default.isExecutableFile(atPath: simrun) else {
            throw TestSetupError("simrun binary not found at \(simrun): run 'swift build' or 'make test'")
        }
        return try run(simrun, arguments, in: directory)
    }

    /// Runs `python3 script arguments` in `directory`.
    static func runPython(_ scriptName: String, _ arguments: [String], in directory: TemporaryDirectory) throws -> CommandResult {
        try run("/usr/bin/env", ["python3", script(scriptName)] + arguments, in: directory)
    }

    static func run(_ executable: String, _ arguments: [String], in directory: TemporaryDirectory, timeout: Double = 600) throws -> CommandResult {
        let outputFile = directory.url.appendingPathComponent(".stdout-\(UUID().uuidString)")
        let errorFile = directory.url.appendingPathComponent(".stderr-\(UUID().uuidString)")
        guard FileManager.default.createFile(atPath: outputFile.path, contents: nil),
              FileManager.default.createFile(atPath: errorFile.path, contents: nil) else {
            throw TestSetupError("cannot create output files in \(directory.url.path)")
        }
        defer {
            try? FileManager.default.removeItem(at: outputFile)
            try? FileManager.default.removeItem(at: errorFile)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = directory.url
        process.standardOutput = try FileHandle(forWritingTo: outputFile)
        process.standardError = try FileHandle(forWritingTo: errorFile)
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning {
            if Date() > deadline {
                process.terminate()
                process.waitUntilExit()
                throw TestSetupError("\(executable) \(arguments) did not finish within \(timeout) s")
            }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return CommandResult(exitCode: process.terminationStatus,
                             standardOutput: (try? String(contentsOf: outputFile, encoding: .utf8)) ?? "",
                             standardError: (try? String(contentsOf: errorFile, encoding: .utf8)) ?? "")
    }

    /// Parses a JSON object from `text`.
    static func jsonObject(_ text: String) throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            throw TestSetupError("expected a JSON object, got: \(text.prefix(200))")
        }
        return object
    }
}

/// Relative difference `|a - b| / |b|`, or `|a|` when `b` is 0.
func relativeDifference(_ a: Double, _ b: Double) -> Double {
    b == 0 ? abs(a) : abs(a - b) / abs(b)
}
