import Foundation
import Testing

/// Helpers for running a job through several segments and comparing the
/// results of two jobs with `h5diff`, HDF5's own comparison tool.
enum JobChain {
    /// Resumes the job at `checkpoint` until it completes, returning the
    /// number of segments run. Fails on any exit code other than 0 and 75.
    static func resumeUntilComplete(checkpoint: String, in directory: URL, extraArguments: [String] = [],
                                    maxSegments: Int = 50) throws -> Int {
        for segment in 1...maxSegments {
            let result = try SimrunProcess.run(["--resume", checkpoint] + extraArguments, in: directory)
            switch result.exitCode {
            case 0: return segment
            case 75: continue
            default:
                throw TestSetupError("resume segment \(segment) exited \(result.exitCode): \(result.standardError)")
            }
        }
        throw TestSetupError("job at \(checkpoint) did not complete within \(maxSegments) segments")
    }

    /// Runs `h5diff` on one object of two files and returns its exit code:
    /// 0 when identical, 1 when they differ.
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
        return (process.terminationStatus, output)
    }

    /// Waits until the standard error of `process` contains `text`. Throws
    /// when the process exits first or after `timeout` seconds.
    static func waitForText(_ text: String, in process: SimrunProcess, timeout: Double = 120) throws {
        let path = process.errorFile.path
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let contents = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
            if contents.contains(text) { return }
            if !process.process.isRunning {
                throw TestSetupError("simrun exited before writing '\(text)'; its standard error: \(contents)")
            }
            usleep(10_000)
        }
        throw TestSetupError("'\(text)' did not appear in \(path) within \(timeout) s")
    }
}
