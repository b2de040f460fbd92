import Foundation
import PerpetualCore
import PerpetualSlurm

/// Chooses the walltime budget of a segment.
///
/// Sources, first match wins:
/// 1. `--walltime` (from the command line or stored in the checkpoint)
///    when it is not `UNLIMITED`: the budget counts from process start.
/// 2. Inside a Slurm job, the job's end time from `SLURM_JOB_END_TIME` or
///    `squeue -h -j $SLURM_JOB_ID -o %e`: the budget counts to that end.
/// 3. Otherwise no walltime budget.
enum SegmentWalltime {
    /// Returns the budget, or `nil` for none. A failed Slurm lookup is
    /// logged as a warning and gives no budget: the segment then relies on
    /// Slurm's warning signal and SIGTERM.
    static func budget(walltimeSeconds: Double?, processStart: Double, clock: any MonotonicClock,
                       logger: Logger, environment: [String: String] = ProcessInfo.processInfo.environment) -> WalltimeBudget? {
        if let walltimeSeconds {
            logger.debug("walltime budget: \(walltimeSeconds) s from --walltime, counted from process start")
            return WalltimeBudget(limitSeconds: walltimeSeconds, start: processStart)
        }

        let endTime: SlurmJobEndTime?
        do {
            endTime = try SlurmJobEndTime.current(environment: environment)
        } catch {
            logger.warning("no walltime budget: cannot read the end time of Slurm job \(environment["SLURM_JOB_ID"] ?? "?"): \(error)")
            return nil
        }
        guard let endTime else { return nil }

        // Map the wall-clock end onto the monotonic clock the harness reads.
        let now = clock.now()
        let secondsLeft = endTime.epochSeconds - Date().timeIntervalSince1970
        let end = Date(timeIntervalSince1970: endTime.epochSeconds)
        guard secondsLeft > minimumSeconds else {
            logger.warning("Slurm job \(endTime.jobID) ends at \(end) (from \(endTime.source.rawValue)), which has passed; stopping at the first step boundary")
            return WalltimeBudget(limitSeconds: minimumSeconds, start: now)
        }
        logger.info("walltime budget: \(Int(secondsLeft)) s until Slurm job \(endTime.jobID) ends at \(end) (from \(endTime.source.rawValue))")
        return WalltimeBudget(limitSeconds: secondsLeft, start: now)
    }

    /// Limit used when the job's end has passed: a budget needs a positive
    /// limit, and this one is spent at once.
    static let minimumSeconds = 0.001
}
