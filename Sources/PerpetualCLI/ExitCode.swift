/// Exit codes of `simrun`, chosen so that a job script can act on them.
///
/// 64, 65 and 75 are the BSD `sysexits.h` values `EX_USAGE`, `EX_DATAERR`
/// and `EX_TEMPFAIL`.
public enum ExitCode: Int32, Sendable {
    /// The work is complete; nothing to resubmit.
    case complete = 0
    /// Any failure not covered below: an I/O error, a crashed kernel.
    case failure = 1
    /// `simrun report`: some parameter fails the convergence criteria.
    case notConverged = 2
    /// A budget of the whole chain (`--core-hours`) is used up. A checkpoint
    /// was written, but the chain must not be resubmitted until the limit
    /// is raised.
    case budgetExhausted = 3
    /// `simrun report`: the job has committed no trace rows yet (an MCMC
    /// job in warm-up), so there is nothing to assess.
    case noDrawsYet = 4
    /// The command line or the configuration file is invalid.
    case usage = 64
    /// An input file (checkpoint, data) is unreadable, corrupt or incompatible.
    case badInput = 65
    /// A checkpoint was written and work remains: resubmit with `--resume`.
    case checkpointed = 75
}
