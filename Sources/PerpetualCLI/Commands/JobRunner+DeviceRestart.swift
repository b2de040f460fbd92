import PerpetualCheckpoint
import PerpetualCore
import PerpetualSlurm

/// Budgets that outlive one harness when the loop restarts the device.
struct SharedBudgets {
    /// Walltime from `--walltime` or the Slurm job's end, looked up once per process.
    var walltime: WalltimeBudget?
    var hostMemory: HostMemoryBudget?
    var deviceMemory: DeviceMemoryBudget?
    /// Completed steps when this process started, the origin of `--segment-steps`.
    var processStartStep: Int
}

/// Release, restore and continue: what a training job does when its
/// accelerator fills up, done in the same process.
///
/// When the device memory budget stops the harness, the checkpoint of that
/// step is committed. Then the kernel frees every tensor and the device's
/// cache, the newest checkpoint is read back from disk and restored (which
/// allocates the tensors afresh, packed), and a new harness continues from
/// it with the same budgets. The results do not change, because the kernel
/// continues from its checkpoint bit-identically.
///
/// Two stops cannot be recovered this way and end the process with exit
/// code 1 after the checkpoint. Either the next step does not fit even an
/// emptied device (give a larger `--device-memory` and resume), or the
/// budget stops again before a single step ran since the last restart.
extension JobRunner {
    func continueAfterDeviceStops(_ first: HarnessOutcome, kernel: any DeviceMemoryKernel, budget: DeviceMemoryBudget,
                                  store: CheckpointStore, settings: ExecutionSettings, budgets: SharedBudgets) throws -> HarnessOutcome {
        var outcome = first
        var restarts = 0
        var stepAtLastRestart: Int?
        while case .stopped(let reason, let receipt) = outcome, reason.reading.name == DeviceMemoryBudget.name {
            if let status = budget.lastStatus, !status.nextStepFitsAfterRelease {
                // Suggest the required capacity rounded up to whole MiB.
                let mebibytes = status.requiredCapacityBytes.map { ($0 + (1 << 20) - 1) >> 20 }
                let size = mebibytes.map { "\($0)MiB" } ?? "SIZE"
                logger.error("\(reason.message); checkpoint at step \(kernel.completedSteps) of \(kernel.totalSteps) in \(receipt.location). "
                             + "No step was lost. Give a larger --device-memory: '\(ProgramName.current) --resume \(ShellQuoting.bashWord(settings.checkpointPath)) --device-memory \(size)'")
                return outcome
            }
            guard stepAtLastRestart != kernel.completedSteps else {
                logger.error("\(reason.message) right after the device was released and restored at step \(kernel.completedSteps): "
                             + "a restart does not help. Give a larger --device-memory or a higher --device-threshold and resume from \(receipt.location)")
                return outcome
            }

            restarts += 1
            logger.info("\(reason.message); releasing the device and restoring from the checkpoint at step \(kernel.completedSteps) (device restart \(restarts))")
            kernel.releaseDevice()
            let point = try CheckpointReader.loadNewestValid(path: settings.checkpointPath, communicator: communicator)
            let checkpoint = point.checkpoint
            guard checkpoint.step == kernel.completedSteps else {
                throw CheckpointError(.corrupt, path: checkpoint.path,
                                      detail: "the checkpoint just written at step \(kernel.completedSteps) reads back as step \(checkpoint.step)")
            }
            try kernel.restoreState(checkpoint.state)
            try store.prepareResume(from: point)
            stepAtLastRestart = kernel.completedSteps

            // The harness counts one more segment; a restart is not a new
            // process run, so the count stays as it was.
            var accounting = checkpoint.accounting
            accounting.segments -= 1
            let harness = makeHarness(kernel: kernel, store: store, settings: settings, budgets: budgets,
                                      accounting: accounting, committedTraceRows: checkpoint.committedTraceRows)
            outcome = try harness.run()
        }
        if restarts > 0 {
            logger.info("device restarts in this process: \(restarts)")
        }
        return outcome
    }
}
