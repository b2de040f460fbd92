import Foundation

/// A hook for tests only: kills or stops the process at a named moment of a
/// commit, so that tests and `make soak` can check what survives a crash at
/// exactly that moment.
///
/// - `PERPETUAL_TEST_KILL_AT=POINT:N` raises SIGKILL the `N`-th time (from 1)
///   the process reaches `POINT`.
/// - `PERPETUAL_TEST_STOP_AT=POINT:N` raises SIGSTOP there instead, so a test
///   can send signals to a process caught in the middle of a commit and then
///   continue it with SIGCONT.
///
/// Both variables are read once per process; a value that does not parse
/// injects nothing. Production runs never set them.
package enum CheckpointFaultInjection {
    /// A moment inside a commit, named as in the environment variables.
    package enum Point: String, CaseIterable, Sendable {
        /// A trace segment's temporary file is written and synced, not yet renamed.
        case segmentBeforeRename = "segment-before-rename"
        /// A trace segment is renamed into place; its directory is not yet synced.
        case segmentAfterRename = "segment-after-rename"
        /// A generation's temporary file is written but still open (before `H5Fclose`).
        case checkpointOpen = "checkpoint-open"
        /// A generation's temporary file is closed and synced and the previous
        /// generation has its older name; the rename over the path is next.
        case beforeRename = "before-rename"
        /// A generation is renamed over the path; the directory is not yet synced.
        case afterRename = "after-rename"
        /// The consolidated trace's temporary file is written and synced, not yet renamed.
        case traceBeforeRename = "trace-before-rename"
    }

    package static let killVariable = "PERPETUAL_TEST_KILL_AT"
    package static let stopVariable = "PERPETUAL_TEST_STOP_AT"

    private struct Plan {
        var point: Point
        var occurrence: Int
        var signal: Int32
    }

    private static let plans: [Plan] = {
        let environment = ProcessInfo.processInfo.environment
        return [(killVariable, SIGKILL), (stopVariable, SIGSTOP)].compactMap { variable, signal in
            environment[variable].flatMap { parse($0, signal: signal) }
        }
    }()

    private static let lock = NSLock()
    nonisolated(unsafe) private static var counts: [Point: Int] = [:]

    /// Parses `POINT:N`.
    private static func parse(_ text: String, signal: Int32) -> Plan? {
        let parts = text.split(separator: ":")
        guard parts.count == 2, let point = Point(rawValue: String(parts[0])),
              let occurrence = Int(parts[1]), occurrence >= 1 else { return nil }
        return Plan(point: point, occurrence: occurrence, signal: signal)
    }

    /// Counts one arrival at `point` and raises the planned signal when this
    /// is the planned occurrence. Does nothing when no variable is set.
    static func reached(_ point: Point) {
        guard !plans.isEmpty else { return }
        lock.lock()
        let count = counts[point, default: 0] + 1
        counts[point] = count
        lock.unlock()
        for plan in plans where plan.point == point && plan.occurrence == count {
            raise(plan.signal)
        }
    }
}
