import Foundation
import Testing
import PerpetualSlurm

/// The Slurm cluster the chain tests submit to: the one named by
/// `SLURM_CONF`, else the one `jobscripts/local-cluster.sh` starts.
enum SlurmCluster {
    static let defaultConfiguration = "/tmp/perpetual-slurm/slurm.conf"

    /// Path of slurm.conf, or `nil` when there is none.
    static let configuration: String? = {
        let environment = ProcessInfo.processInfo.environment
        let path = environment["SLURM_CONF"] ?? defaultConfiguration
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }()

    /// Environment for Slurm commands and the jobs they submit.
    static var environment: [String: String] {
        var environment = ProcessInfo.processInfo.environment
        if let configuration { environment["SLURM_CONF"] = configuration }
        return environment
    }

    /// Whether `scontrol ping` reaches a controller.
    static let isAvailable: Bool = {
        guard configuration != nil else { return false }
        return (try? SlurmCommand("scontrol", ["ping"], timeoutSeconds: 10).run(environment: environment)) != nil
    }()

    /// Whether a missing cluster fails the tests instead of skipping them;
    /// `make test` sets it.
    static let isRequired = ProcessInfo.processInfo.environment["PERPETUAL_REQUIRE_SLURM"] == "1"

    static let unavailableMessage: Comment =
        "no Slurm cluster: start one with 'jobscripts/local-cluster.sh start' (or run 'make test', which does)"

    /// Runs a Slurm client command and returns its standard output.
    @discardableResult
    static func run(_ program: String, _ arguments: [String]) throws -> String {
        try SlurmCommand(program, arguments).run(environment: environment)
    }

    /// Submits `script` and returns the job id. The job inherits this
    /// process's environment plus `extraEnvironment`.
    static func submit(_ script: String, extraEnvironment: [String: String] = [:]) throws -> String {
        let output = try SlurmCommand("sbatch", ["--parsable", script])
            .run(environment: environment.merging(extraEnvironment) { _, extra in extra })
        return String(output.split(separator: ";").first ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Returns `(job id, state)` of the queued jobs named `name`.
    static func jobs(named name: String) throws -> [(id: String, state: String)] {
        try run("squeue", ["-h", "-n", name, "-o", "%A %T"])
            .split(whereSeparator: \.isNewline)
            .map { line in
                let fields = line.split(separator: " ")
                return (String(fields.first ?? ""), String(fields.last ?? ""))
            }
    }

    /// Returns a field of `scontrol show job ID`, for example `ExitCode`.
    static func jobField(_ id: String, _ field: String) throws -> String? {
        let output = try run("scontrol", ["show", "job", id])
        for word in output.split(whereSeparator: { $0 == " " || $0.isNewline }) where word.hasPrefix("\(field)=") {
            return String(word.dropFirst(field.count + 1))
        }
        return nil
    }

    /// Cancels every queued job named `name`, for cleanup after a failure.
    static func cancelJobs(named name: String) {
        _ = try? run("scancel", ["-n", name])
    }
}

/// Polls `condition` every 0.1 s until it holds; throws after `timeout`
/// seconds with `what` in the message.
func waitUntil(_ what: String, timeout: Double = 120, _ condition: () throws -> Bool) throws {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        if try condition() { return }
        usleep(100_000)
    }
    throw ChainTestError("timed out after \(timeout) s waiting until \(what)")
}

struct ChainTestError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
