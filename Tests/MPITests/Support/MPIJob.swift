import Foundation
import Testing

/// Runs the built `simrun` under `mpirun`, or directly for a reference run.
///
/// The binary is `SIMRUN_BINARY` when set (`make test` points it at the
/// release build), else `.build/debug/simrun`. Every run has a timeout, so
/// that a hang among the ranks fails the test instead of blocking the suite.
struct MPIJob {
    struct Result {
        var exitCode: Int32
        /// Standard output and standard error of all ranks, as `mpirun` merges them.
        var output: String
    }

    static var simrun: String {
        if let path = ProcessInfo.processInfo.environment["SIMRUN_BINARY"] { return path }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/simrun").path
    }

    /// Marks the ranks of this job in their environment, so a test can find their process ids.
    let marker = UUID().uuidString
    let process = Process()
    private let outputFile: URL

    /// Starts `simrun arguments` on `ranks` ranks in `directory`, or without
    /// `mpirun` when `ranks` is nil. `environment` is exported to every rank.
    init(ranks: Int?, _ arguments: [String], in directory: URL, environment: [String: String] = [:]) throws {
        guard FileManager.default.isExecutableFile(atPath: Self.simrun) else {
            throw TestSetupError("simrun binary not found at \(Self.simrun): run 'swift build' or 'make test'")
        }
        var exported = environment
        exported["PERPETUAL_TEST_MARKER"] = marker
        if let ranks {
            // --oversubscribe: more ranks than cores on a small machine; -x
            // passes each variable on to the ranks.
            let launcher = ["mpirun", "--allow-run-as-root", "--oversubscribe", "-np", String(ranks)]
            let exports = exported.keys.sorted().flatMap { ["-x", $0] }
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = launcher + exports + [Self.simrun] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: Self.simrun)
            process.arguments = arguments
        }
        process.currentDirectoryURL = directory
        var merged = ProcessInfo.processInfo.environment
        merged.merge(exported) { $1 }
        process.environment = merged

        outputFile = directory.appendingPathComponent(".output-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: outputFile.path, contents: nil)
        let handle = try FileHandle(forWritingTo: outputFile)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
    }

    /// Runs to the end; see ``init(ranks:_:in:environment:)``.
    static func run(ranks: Int?, _ arguments: [String], in directory: URL, environment: [String: String] = [:]) throws -> Result {
        try MPIJob(ranks: ranks, arguments, in: directory, environment: environment).wait()
    }

    /// Resumes the job at `checkpoint` on `ranks` ranks until it completes
    /// and returns the number of segments. Throws on an exit code other
    /// than 0 and 75.
    static func resumeUntilComplete(ranks: Int?, checkpoint: String, in directory: URL, maxSegments: Int = 20) throws -> Int {
        for segment in 1...maxSegments {
            let result = try run(ranks: ranks, ["--resume", checkpoint], in: directory)
            switch result.exitCode {
            case 0: return segment
            case 75: continue
            default: throw TestSetupError("resume segment \(segment) exited \(result.exitCode): \(result.output)")
            }
        }
        throw TestSetupError("job at \(checkpoint) did not complete within \(maxSegments) segments")
    }

    /// Output so far.
    var currentOutput: String {
        (try? String(contentsOf: outputFile, encoding: .utf8)) ?? ""
    }

    /// Waits for the job, killing `mpirun` (which ends its ranks) after `timeout` seconds.
    func wait(timeout: Double = 120) throws -> Result {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning {
            if Date() > deadline {
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                throw TestSetupError("\(process.arguments ?? []) did not finish within \(timeout) s; output: \(currentOutput)")
            }
            usleep(10_000)
        }
        process.waitUntilExit()
        let output = currentOutput
        try? FileManager.default.removeItem(at: outputFile)
        return Result(exitCode: process.terminationStatus, output: output)
    }

    /// Process id of rank `rank` of this job, found by its environment in
    /// `/proc`, or nil while it has not started.
    func processID(ofRank rank: Int) -> pid_t? {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        for entry in entries {
            guard let pid = pid_t(entry),
                  let data = FileManager.default.contents(atPath: "/proc/\(entry)/environ") else { continue }
            let variables = Set(data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) })
            if variables.contains("PERPETUAL_TEST_MARKER=\(marker)") && variables.contains("OMPI_COMM_WORLD_RANK=\(rank)")
                && FileManager.default.contents(atPath: "/proc/\(entry)/cmdline").map({ String(decoding: $0, as: UTF8.self).contains("simrun") }) == true {
                return pid
            }
        }
        return nil
    }

    /// Waits until `text` appears in the output; throws when the job ends first or after `timeout` seconds.
    func waitForOutput(_ text: String, timeout: Double = 60) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if currentOutput.contains(text) { return }
            if !process.isRunning { throw TestSetupError("job ended before writing '\(text)': \(currentOutput)") }
            usleep(10_000)
        }
        throw TestSetupError("'\(text)' did not appear within \(timeout) s: \(currentOutput)")
    }
}

struct TestSetupError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
