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
}
