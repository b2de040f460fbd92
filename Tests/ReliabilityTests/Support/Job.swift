import Foundation
import Testing

/// A small job of one kernel, a few seconds at most, with the trace groups
/// that its consolidated trace holds.
struct Job: Sendable, CustomStringConvertible {
    /// Name of the job, unique among the jobs below.
    var name: String
    var kernel: String
    var arguments: [String]
    /// Groups of the consolidated trace compared with the uninterrupted run.
    var traceGroups: [String]
    /// A cadence of periodic checkpoints that gives several commits.
    var checkpointEvery: Int

    var description: String { name }

    static let mcmc = Job(name: "mcmc", kernel: "mcmc",
                          arguments: ["--kernel", "mcmc", "--model", "eight-schools", "--warmup", "20", "--draws", "40", "--seed", "5"],
                          traceGroups: ["/posterior", "/sample_stats"], checkpointEvery: 5)
    static let md = Job(name: "md", kernel: "md",
                        arguments: ["--kernel", "md", "--cells", "3", "--steps", "60", "--thermo-every", "5", "--seed", "5"],
                        traceGroups: ["/thermo"], checkpointEvery: 5)
    static let train = Job(name: "train", kernel: "train",
                           arguments: ["--kernel", "train", "--epochs", "2", "--widths", "16", "--batch-size", "64", "--seed", "5"],
                           traceGroups: ["/training"], checkpointEvery: 5)
    static let all = [mcmc, md, train]
    /// An MCMC job of about a second, long enough to be signalled while it runs.
    static let mcmcLong = Job(name: "mcmc-long", kernel: "mcmc",
                              arguments: ["--kernel", "mcmc", "--model", "eight-schools", "--warmup", "200", "--draws", "3000", "--seed", "5"],
                              traceGroups: ["/posterior", "/sample_stats"], checkpointEvery: 100)

    /// `simrun run` arguments of this job with the checkpoint at `checkpoint`.
    func run(checkpoint: String = "job.h5", extra: [String] = []) -> [String] {
        ["run"] + arguments + ["--checkpoint", checkpoint] + extra
    }
}

/// The uninterrupted run of each job, made once per test process in its
/// own directory and shared by the tests that compare against it.
final class References: @unchecked Sendable {
    static let shared = References()

    private let lock = NSLock()
    private var directories: [String: Scratch] = [:]

    /// Directory holding `job.h5` and `job.trace.h5` of the uninterrupted run of `job`.
    func directory(for job: Job) throws -> Scratch {
        lock.lock()
        defer { lock.unlock() }
        if let scratch = directories[job.name] { return scratch }
        let scratch = try Scratch("reference-\(job.name)")
        let result = try Simrun.run(job.run(), in: scratch.url)
        guard result.exitCode == 0 else {
            throw SetupError("the uninterrupted \(job.name) run exited \(result.exitCode): \(result.standardError)")
        }
        if directories.isEmpty {
            // The shared instance lives until the process ends.
            atexit { References.shared.removeAll() }
        }
        directories[job.name] = scratch
        return scratch
    }

    private func removeAll() {
        lock.lock()
        defer { lock.unlock() }
        for scratch in directories.values { scratch.remove() }
        directories = [:]
    }
}

enum Compare {
    /// Runs `h5diff -r` on one object of two files and returns its exit
    /// status (0 identical, 1 different, 2 error) and output.
    static func h5diff(_ first: String, _ second: String, object: String) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["h5diff", "-r", first, second, object, object]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, String(output.suffix(2000)))
    }

    /// Expects the trace groups and the final state in `scratch` to equal
    /// the uninterrupted run's, byte for byte as `h5diff` compares them.
    static func expectMatchesReference(_ job: Job, in scratch: Scratch, _ context: String,
                                       sourceLocation: SourceLocation = #_sourceLocation) throws {
        let reference = try References.shared.directory(for: job)
        for group in job.traceGroups {
            let diff = try h5diff(reference.path("job.trace.h5"), scratch.path("job.trace.h5"), object: group)
            #expect(diff.status == 0, "\(job.name) \(context): trace \(group) differs: \(diff.output)", sourceLocation: sourceLocation)
        }
        let state = try h5diff(reference.path("job.h5"), scratch.path("job.h5"), object: "/state")
        #expect(state.status == 0, "\(job.name) \(context): final state differs: \(state.output)", sourceLocation: sourceLocation)
    }

    /// Resumes the job in `scratch` until it exits 0 and returns the
    /// segments run. Throws on any exit code but 0 and 75.
    static func resumeUntilComplete(in scratch: Scratch, maxSegments: Int = 30) throws -> Int {
        for segment in 1...maxSegments {
            let result = try Simrun.run(["--resume", "job.h5"], in: scratch.url)
            switch result.exitCode {
            case 0: return segment
            case 75: continue
            default: throw SetupError("resume segment \(segment) exited \(result.exitCode): \(result.standardError)")
            }
        }
        throw SetupError("the job did not complete within \(maxSegments) segments")
    }
}

/// Runs small Python programs with h5py, for damage that needs to know
/// where HDF5 put an object.
enum Python {
    static func run(_ program: String, _ arguments: [String], in directory: URL) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", program] + arguments
        process.currentDirectoryURL = directory
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw SetupError("python3 failed (\(process.terminationStatus)): \(output)")
        }
        return output.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
