import Foundation

/// Runs `dd` to copy a file with `conv=fsync`, the baseline of the
/// checkpoint benchmark.
struct DDCopy {
    /// Block size passed as `bs=`.
    static let blockSize = "16M"

    let source: String

    /// Copies ``source`` to `target` and returns the seconds from starting
    /// `dd` to its exit, which include the process start (about a
    /// millisecond) and the final `fsync` of `target`, but no sync of the
    /// directory.
    /// - Throws: ``BenchmarkError`` when `dd` cannot start or exits with a
    ///   non-zero status.
    func copy(to target: String) throws -> Double {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["dd", "if=\(source)", "of=\(target)", "bs=\(Self.blockSize)", "conv=fsync", "status=none"]
        let errors = Pipe()
        process.standardError = errors

        let timing = try Stopwatch.time {
            do {
                try process.run()
            } catch {
                throw BenchmarkError("cannot start dd through /usr/bin/env: \(error). Install coreutils.")
            }
            process.waitUntilExit()
        }
        guard process.terminationStatus == 0 else {
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            throw BenchmarkError("dd if=\(source) of=\(target) failed with status \(process.terminationStatus): \(message)")
        }
        return timing.seconds
    }
}
