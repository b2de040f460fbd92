import Foundation

/// A hook for tests only: makes one `H5Dwrite` of the process fail as a
/// failing disk would, to check what a checkpoint write does on EIO.
///
/// Set `PERPETUAL_TEST_FAIL_HDF5_WRITE=ERRNO:N` in the environment, where
/// `ERRNO` is `EIO`, `ENOSPC` or a number and `N` counts the `H5Dwrite` calls
/// of the process from 1. The `N`-th call is not made. Instead it throws an
/// ``HDF5Error`` that names the variable and whose stack has the form of the
/// sec2 driver's own write failure (`errno = 5, error message =
/// 'Input/output error'`). The variable is read once per process. Later
/// writes succeed.
package enum HDF5IOFaultInjection {
    package static let variable = "PERPETUAL_TEST_FAIL_HDF5_WRITE"

    private struct Plan {
        var errorNumber: Int32
        var failingCall: Int
    }

    private static let plan: Plan? = ProcessInfo.processInfo.environment[variable].flatMap(parse)
    private static let lock = NSLock()
    nonisolated(unsafe) private static var writeCalls = 0

    /// Parses `ERRNO:N`; nil for anything else, so a typo injects nothing.
    private static func parse(_ text: String) -> Plan? {
        let parts = text.split(separator: ":")
        guard parts.count == 2, let call = Int(parts[1]), call >= 1 else { return nil }
        let names: [Substring: Int32] = ["EIO": EIO, "ENOSPC": ENOSPC]
        guard let number = names[parts[0]] ?? Int32(parts[0]), number > 0 else { return nil }
        return Plan(errorNumber: number, failingCall: call)
    }

    /// Counts one `H5Dwrite` on `object` and returns the injected failure
    /// when it is the planned one. Without the variable it only returns nil.
    static func failure(forWriteTo object: @autoclosure () -> String) -> HDF5Error? {
        guard let plan else { return nil }
        lock.lock()
        writeCalls += 1
        let count = writeCalls
        lock.unlock()
        guard count == plan.failingCall else { return nil }
        let message = String(cString: strerror(plan.errorNumber))
        return HDF5Error(operation: "H5Dwrite", object: object(), stack: [
            "H5Dwrite: can't write data",
            "H5FD_sec2_write: file write failed: errno = \(plan.errorNumber), error message = '\(message)' (injected by \(variable), for tests)",
        ])
    }
}
