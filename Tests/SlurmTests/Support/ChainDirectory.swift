import Foundation

/// A scratch directory whose name contains spaces, quotes, `$` and
/// backticks, so that every chain test also tests quoting. Removed by
/// ``remove()``.
struct ChainDirectory {
    static let awkwardName = "dir with 'q' \"dq\" $x `b`"

    let root: URL
    let url: URL

    init(_ label: String) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("perpetual-\(label)-\(UUID().uuidString)")
        url = root.appendingPathComponent(Self.awkwardName)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    var path: String { url.path }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    func contents(_ name: String) -> String {
        (try? String(contentsOfFile: path(name), encoding: .utf8)) ?? ""
    }

    /// Concatenated output files of the chain's jobs (`<name>-<id>.out`).
    func jobOutput() -> String {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return names.filter { $0.hasSuffix(".out") }.sorted().map(contents).joined(separator: "\n")
    }

    func remove() {
        try? FileManager.default.removeItem(at: root)
    }
}

/// Runs the built `simrun` binary: `SIMRUN_BINARY` when set (`make test`
/// sets it), else the debug build.
enum Simrun {
    static var binary: String {
        if let path = ProcessInfo.processInfo.environment["SIMRUN_BINARY"] { return path }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/simrun").path
    }

    /// Runs simrun in `directory` and returns its exit code and standard error.
    @discardableResult
    static func run(_ arguments: [String], in directory: String) throws -> (status: Int32, log: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "SLURM_JOB_ID")
        process.environment = environment
        let pipe = Pipe()
        process.standardError = pipe
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// Runs `h5diff -r` on one object of two files; 0 means identical.
    static func h5diff(_ first: String, _ second: String, object: String) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["h5diff", "-r", first, second, object, object]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
