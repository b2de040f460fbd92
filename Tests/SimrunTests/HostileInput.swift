import Foundation
import Testing

/// Values and a bounded-memory runner shared by the hostile-input suites.
enum HostileInput {
    /// One hostile option value with a readable label.
    struct Value: Sendable {
        var label: String
        var text: String
    }

    /// Values that no numeric option accepts as they stand, except where a
    /// table lists them as accepted: empty, negative, beyond 64 bits,
    /// not a number, NaN, non-ASCII digits and very long.
    static let values: [Value] = [
        Value(label: "empty", text: ""),
        Value(label: "negative", text: "-1"),
        Value(label: "overflowing", text: "99999999999999999999999"),
        Value(label: "non-numeric", text: "abc"),
        Value(label: "nan", text: "nan"),
        Value(label: "unicode digits", text: "٣٤"),
        Value(label: "very long", text: String(repeating: "7", count: 5_000)),
    ]

    /// Address-space limit for the child process, in KiB. A request for an
    /// absurd allocation fails fast under it instead of paging the machine.
    /// 4 GiB leaves room for the libraries that simrun maps at start-up.
    static let addressSpaceLimitKiB = 4 * 1024 * 1024

    /// Runs `simrun arguments` in `directory` under `ulimit -v`, with a
    /// timeout. A crash shows as an exit code of 128 plus the signal number.
    static func run(_ arguments: [String], in directory: URL, timeout: Double = 120) throws -> SimrunProcess.Result {
        guard FileManager.default.isExecutableFile(atPath: SimrunProcess.binary) else {
            throw TestSetupError("simrun binary not found at \(SimrunProcess.binary): run 'swift build' or 'make test'")
        }
        let limited = ["-c", "ulimit -v \(addressSpaceLimitKiB) && exec \"$@\"", "bash", SimrunProcess.binary] + arguments
        return try runProcess("/bin/bash", limited, in: directory, timeout: timeout)
    }

    /// Runs any program to the end through ``SimrunProcess``, which captures
    /// both output streams in files, so a large output cannot block the child.
    static func runProcess(_ executable: String, _ arguments: [String], in directory: URL,
                           environment: [String: String] = [:], timeout: Double = 120) throws -> SimrunProcess.Result {
        try SimrunProcess(arguments, in: directory, environment: environment, executable: executable).wait(timeout: timeout)
    }

    /// Directory of this test target, for the scripts and regression inputs
    /// kept beside the tests.
    static var testDirectory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    }

    /// Returns `text` cut to `limit` characters for a test message.
    static func excerpt(_ text: String, limit: Int = 400) -> String {
        text.count <= limit ? text : String(text.prefix(limit)) + "…"
    }
}
