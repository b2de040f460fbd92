import Foundation
import PerpetualCheckpoint
import PerpetualCore
import PerpetualSlurm

/// The chain budgets of a segment (disk space, core-hours), Daly's
/// checkpoint interval, and what the job does when they stop it.
extension JobRunner {
    /// Returns the disk budget of the checkpoint directory, or `nil` with
    /// `--disk-reserve none`.
    func makeDiskBudget(_ settings: ExecutionSettings) -> DiskBudget? {
        guard let reserve = settings.diskReserveBytes else {
            logger.debug("no disk budget: --disk-reserve none")
            return nil
        }
        return DiskBudget(directory: PathNames.directory(of: settings.checkpointPath), reserveBytes: reserve)
    }

    /// Returns the core-hours budget of the chain, or `nil` without `--core-hours`.
    func makeCoreHoursBudget(_ settings: ExecutionSettings, accounting: RunAccounting?) -> CoreHoursBudget? {
        guard let limit = settings.coreHoursLimit else { return nil }
        let cores = communicator.size * settings.resolvedCoresPerRank()
        let earlier = (accounting?.coreSeconds ?? 0) / 3600
        logger.info("core-hours budget: \(String(format: "%.4g", earlier)) of \(String(format: "%.4g", limit)) core-hours used by earlier segments; this segment is charged for \(cores) cores")
        return CoreHoursBudget(limitCoreHours: limit, earlierCoreHours: earlier, cores: cores, start: processStart)
    }

    /// Returns the periodic checkpoint schedule, with Daly's interval for
    /// `--checkpoint-every auto`: M from `--mtbi`, else from the chain's
    /// interruptions, else 24 h.
    func makeSchedule(_ settings: ExecutionSettings, accounting: RunAccounting?) -> CheckpointSchedule {
        guard settings.checkpointEveryAuto else {
            return CheckpointSchedule(everySteps: settings.checkpointEverySteps, everySeconds: settings.checkpointEverySeconds)
        }
        let mtbi: Double
        let source: String
        if let given = settings.mtbiSeconds {
            (mtbi, source) = (given, "--mtbi")
        } else if let accounting, let estimated = RunEfficiency(accounting: accounting).mtbiSeconds {
            (mtbi, source) = (estimated, "the chain's \(accounting.interruptions) interruptions")
        } else {
            (mtbi, source) = (Self.assumedMTBISeconds, "an assumed 24h, since neither --mtbi nor an interruption of this chain gives one")
        }
        if communicator.isRoot {
            logger.info("periodic checkpoints at Daly's optimal interval for a mean time between interruptions of \(formatDuration(mtbi)) from \(source)")
        }
        return CheckpointSchedule(optimalForMTBISeconds: mtbi)
    }

    /// Returns the accounting of a resumed checkpoint with the size of its
    /// file, which the disk budget expects the next checkpoint to need, and
    /// the work a kill lost after it, from the progress marker. Every rank
    /// returns the same values: rank 0 reads and broadcasts them.
    func resumedAccounting(_ checkpoint: LoadedCheckpoint) throws -> RunAccounting {
        var accounting = checkpoint.accounting
        var values = [0.0, -1, -1]
        if communicator.isRoot {
            values[0] = Double((try? FileManager.default.attributesOfItem(atPath: checkpoint.path)[.size] as? Int) ?? 0)
            let filled = ProgressMarker(checkpointPath: checkpoint.path).fillLostWork(accounting, checkpointStep: checkpoint.step)
            if let last = filled.segmentHistory.last, let steps = last.lostSteps, let seconds = last.lostSeconds {
                values[1] = Double(steps)
                values[2] = seconds
            }
        }
        // Other ranks start from the smallest values, so the maximum is rank 0's.
        try communicator.allreduceMaximum(&values)
        if values[0] > 0 {
            accounting.lastCheckpointBytes = Int(values[0])
        }
        if values[1] >= 0, let index = accounting.segmentHistory.indices.last {
            accounting.segmentHistory[index].lostSteps = Int(values[1])
            accounting.segmentHistory[index].lostSeconds = values[2]
        }
        return accounting
    }

    /// Mean time between interruptions assumed by `--checkpoint-every auto`
    /// when neither `--mtbi` nor the chain's history gives one.
    static let assumedMTBISeconds = 86_400.0

    /// Logs why no checkpoint was written and returns the exit code: 75
    /// when an earlier checkpoint exists to resume from, else 1.
    func finishWithoutCheckpoint(_ reason: StopReason, settings: ExecutionSettings, hasEarlierCheckpoint: Bool) -> ExitCode {
        guard hasEarlierCheckpoint else {
            logger.error("\(reason.message); no checkpoint was written and none exists yet, so this job cannot resume. Free space or choose another --checkpoint directory, then start it again")
            return .failure
        }
        logger.error("\(reason.message); no checkpoint was written at step \(reason.step), the previous checkpoint in \(settings.checkpointPath) is kept")
        logger.info("work remains: free disk space, then continue with 'simrun --resume \(ShellQuoting.bashWord(settings.checkpointPath))' (exit code 75)")
        return .checkpointed
    }

    /// Logs the stop of an exhausted core-hours budget and returns exit code 3.
    func finishCoreHoursExhausted(_ reason: StopReason, receipt: CheckpointReceipt, stepsDone: Int, totalSteps: Int) -> ExitCode {
        logger.error("\(reason.message); checkpoint at step \(stepsDone) of \(totalSteps) in \(receipt.location). The chain stops (exit code 3): raise --core-hours and resume to continue")
        return .budgetExhausted
    }

    /// Logs the efficiency figures of the segment that just ended and of the chain.
    func logEfficiency(_ accounting: RunAccounting, settings: ExecutionSettings) {
        guard communicator.isRoot else { return }
        let efficiency = RunEfficiency(accounting: accounting, mtbiSeconds: settings.mtbiSeconds)
        for line in EfficiencyText.lines(efficiency) {
            logger.info("efficiency: \(line)")
        }
    }
}
