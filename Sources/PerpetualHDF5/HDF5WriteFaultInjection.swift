import Foundation

/// A hook for tests only: makes the collective row writes of one rank fail,
/// to check that the other ranks learn of the failure instead of hanging.
///
/// Set `PERPETUAL_TEST_FAIL_WRITE_ON_RANK=R` in the environment of an MPI
/// job. ``HDF5Dataset/writeRows(_:firstRow:rowCount:)`` on rank `R` of a
/// file opened with the MPI-IO driver then joins the collective write with
/// nothing selected and throws an ``HDF5Error`` that names the variable. The
/// variable is read once per process; single-process writes ignore it.
package enum HDF5WriteFaultInjection {
    package static let variable = "PERPETUAL_TEST_FAIL_WRITE_ON_RANK"

    private static let failingRank: Int? = ProcessInfo.processInfo.environment[variable].flatMap(Int.init)

    /// Whether the writes of `rank` are set to fail.
    static func failsWrites(onRank rank: Int) -> Bool {
        failingRank == rank
    }

    /// `PERPETUAL_TEST_STALL_WRITE_SECONDS=S`: every dataset write of a
    /// process without MPI-IO waits S seconds and then fails, like a
    /// checkpoint write to a file system that hangs and then reports an
    /// error. Signals do not shorten the wait. Tests only.
    package static let stallVariable = "PERPETUAL_TEST_STALL_WRITE_SECONDS"

    private static let stallSeconds: Double? = ProcessInfo.processInfo.environment[stallVariable].flatMap(Double.init)

    /// Waits and throws when ``stallVariable`` is set; returns at once otherwise.
    static func stallAndFailIfRequested(object: String) throws {
        guard let stallSeconds else { return }
        let deadline = Date().addingTimeInterval(stallSeconds)
        while Date() < deadline {
            usleep(100_000)
        }
        throw HDF5Error(operation: "H5Dwrite", object: object,
                        stack: ["write failure injected after \(stallSeconds) s by \(stallVariable) (for tests)"])
    }
}
