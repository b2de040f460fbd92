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

        /// Exit status of each rank, from the lines that a job started with
        /// `reportingRankExits` prints; empty for other jobs.
        var rankExitCodes: [Int: Int32] {
            var codes: [Int: Int32] = [:]
            for line in output.split(separator: "\n") where line.hasPrefix(MPIJob.rankExitPrefix) {
                let fields = line.dropFirst(MPIJob.rankExitPrefix.count).split(separator: " ")
                if fields.count == 2, let rank = Int(fields[0]), let code = Int32(fields[1]) {
                    codes[rank] = code
                }
            }
            return codes
        }

        /// Returns the first line of rank `rank` at level ERROR, or nil.
        func errorLine(ofRank rank: Int) -> String? {
            output.split(separator: "\n").first { $0.contains("ERROR [rank \(rank) ") }.map(String.init)
        }
    }

    /// Prefix of the line `test: exit of rank R S` that the wrapper shell
    /// prints when rank `R` exits with status `S`.
    static let rankExitPrefix = "test: exit of rank "

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
    /// With `reportingRankExits`, each rank runs under `/bin/sh`, which
    /// prints the rank's exit status (see ``Result/rankExitCodes``). Leave
    /// it off for jobs whose ranks a test signals or kills, because the
    /// signal would reach the shell. With it, `mpirun` waits for every rank
    /// and exits with status 0.
    init(ranks: Int?, _ arguments: [String], in directory: URL, environment: [String: String] = [:],
         reportingRankExits: Bool = false) throws {
        guard FileManager.default.isExecutableFile(atPath: Self.simrun) else {
            throw TestSetupError("simrun binary not found at \(Self.simrun): run 'swift build' or 'make test'")
        }
        var exported = environment
        exported["PERPETUAL_TEST_MARKER"] = marker
        if let ranks {
            // --oversubscribe: more ranks than cores on a small machine; -x
            // passes each variable on to the ranks.
            var launcher = ["mpirun", "--allow-run-as-root", "--oversubscribe", "-np", String(ranks)]
            let exports = exported.keys.sorted().flatMap { ["-x", $0] }
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            var command = [Self.simrun]
            if reportingRankExits {
                // mpirun would end the other ranks as soon as one exits with
                // a status other than 0; here each rank must end by itself.
                launcher += ["--mca", "orte_abort_on_non_zero_status", "0"]
                let script = "\"$0\" \"$@\"; status=$?; echo \"\(Self.rankExitPrefix)$OMPI_COMM_WORLD_RANK $status\"; exit $status"
                command = ["/bin/sh", "-c", script, Self.simrun]
            }
            process.arguments = launcher + exports + command + arguments
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

    /// Runs to the end; see ``init(ranks:_:in:environment:reportingRankExits:)``.
    static func run(ranks: Int?, _ arguments: [String], in directory: URL, environment: [String: String] = [:],
                    reportingRankExits: Bool = false, timeout: Double = 120) throws -> Result {
        try MPIJob(ranks: ranks, arguments, in: directory, environment: environment,
                   reportingRankExits: reportingRankExits).wait(timeout: timeout)
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

    /// Waits for the job. After `timeout` seconds it sends SIGTERM to
    /// `mpirun`, which ends its ranks, then SIGKILL 5 s later, and throws.
    func wait(timeout: Double = 120) throws -> Result {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning {
            if Date() > deadline {
                kill(process.processIdentifier, SIGTERM)
                let killDeadline = Date().addingTimeInterval(5)
                while process.isRunning && Date() < killDeadline { usleep(10_000) }
                if process.isRunning { kill(process.processIdentifier, SIGKILL) }
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
                && Self.programName(ofProcess: entry)?.hasSuffix("simrun") == true {
                return pid
            }
        }
        return nil
    }

    /// Returns the first word of a process's command line
    /// (`/proc/PID/cmdline`), which differs between `simrun` and a shell that runs it.
    private static func programName(ofProcess pid: String) -> String? {
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return nil }
        return data.split(separator: 0).first.map { String(decoding: $0, as: UTF8.self) }
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
