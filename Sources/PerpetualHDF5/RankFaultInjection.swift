import Foundation

/// Hooks for tests only: make one step of a collective checkpoint fail on
/// one rank, to check that the other ranks learn of the failure instead of
/// hanging in the next collective call.
///
/// Each hook is an environment variable whose value is a rank, for example
/// `PERPETUAL_TEST_FAIL_CLOSE_ON_RANK=1`, read once per process. The code at
/// the injection point calls ``fails(onRank:)`` and, when it returns true,
/// throws ``injectedError(operation:object:rank:)`` where the real call's
/// error would be thrown. Where the real call is collective, the
/// failing rank still joins it first, as HDF5 does when a call fails after
/// its collective communication. ``HDF5WriteFaultInjection`` is the hook for
/// the row writes themselves.
package struct RankFaultInjection: Sendable {
    /// The checks before the collective `H5Fopen` of the temporary file: rank
    /// `R` reports that it cannot open the file, before any collective call.
    package static let open = RankFaultInjection(variable: "PERPETUAL_TEST_FAIL_OPEN_ON_RANK")
    /// `H5Dopen2` of a partitioned state array in the collective write: rank
    /// `R` opens the dataset with the others, then reports the open as failed.
    package static let datasetOpen = RankFaultInjection(variable: "PERPETUAL_TEST_FAIL_DATASET_OPEN_ON_RANK")
    /// The collective `H5Fclose` of the temporary file: rank `R` closes the
    /// file with the others, then reports the close as failed.
    package static let close = RankFaultInjection(variable: "PERPETUAL_TEST_FAIL_CLOSE_ON_RANK")
    /// The read of a rank's share of the generation chosen for a resume:
    /// rank `R` reports that it cannot read its rows.
    package static let read = RankFaultInjection(variable: "PERPETUAL_TEST_FAIL_READ_ON_RANK")

    /// Name of the environment variable.
    package let variable: String
    private let failingRank: Int?

    private init(variable: String) {
        self.variable = variable
        failingRank = ProcessInfo.processInfo.environment[variable].flatMap(Int.init)
    }

    /// Returns whether the variable names `rank`.
    package func fails(onRank rank: Int) -> Bool {
        failingRank == rank
    }

    /// Returns the error that the injection point throws on the failing rank.
    /// Its message names the variable, so it cannot be taken for a real fault.
    package func injectedError(operation: String, object: String, rank: Int) -> HDF5Error {
        HDF5Error(operation: operation, object: object,
                  stack: ["\(operation) failure injected on rank \(rank) by \(variable) (for tests)"])
    }
}
