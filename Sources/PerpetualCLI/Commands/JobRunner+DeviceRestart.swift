import PerpetualCheckpoint
import PerpetualCore
import PerpetualSlurm

/// Budgets that outlive one harness when the loop restarts the device.
struct SharedBudgets {
    /// Walltime from `--walltime` or the Slurm job's end, looked up once per process.
    var walltime: WalltimeBudget?
    var hostMemory: HostMemoryBudget?
    var deviceMemory: DeviceMemoryBudget?
    /// Free space of the checkpoint directory; `nil` with `--disk-reserve none`.
    var disk: DiskBudget?
    /// Core-hours of the chain from `--core-hours`.
    var coreHours: CoreHoursBudget?
    /// Completed steps when this process started, the origin of `--segment-steps`.
    var processStartStep: Int
    /// The harness created last, whose accounting the end-of-segment log reports.
    var harnesses = HarnessHolder()
}

/// A reference to the newest harness of a process.
final class HarnessHolder {
    var latest: Harness?
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
        defer { logSkippedRestarts(budget) }
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
            var point = try CheckpointReader.loadNewestValid(path: settings.checkpointPath, communicator: communicator)
            var state = point.takeState()
            let checkpoint = point.checkpoint
            guard checkpoint.step == kernel.completedSteps else {
                throw CheckpointError(.corrupt, path: checkpoint.path,
                                      detail: "the checkpoint just written at step \(kernel.completedSteps) reads back as step \(checkpoint.step)")
            }
            try restoreState(of: kernel, from: &state)
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

    /// Logs why the device was not restarted although its reserved memory
    /// reached the threshold, once per process.
    private func logSkippedRestarts(_ budget: DeviceMemoryBudget) {
        guard budget.skippedRestarts > 0, let status = budget.firstSkippedStatus else { return }
        let threshold = Int((100 * budget.threshold).rounded())
        let after = status.reservedBytesAfterRelease.map(ByteSize.format) ?? "more than the capacity"
        logger.info("device memory reached the threshold of \(threshold) % at \(budget.skippedRestarts) step boundaries without a restart: "
                    + "after a release the next step alone would reserve \(after) of \(ByteSize.format(status.capacityBytes)), "
                    + "so a restart could not bring it under the threshold (--device-restart if-helpful; --device-restart always restarts anyway)")
    }
}

// MARK: - Restoring without a second copy of the state

extension ResumePoint {
    /// Moves the kernel state out of the loaded checkpoint and leaves an
    /// empty one, so that the caller holds the only reference to its arrays.
    mutating func takeState() -> KernelState {
        let state = checkpoint.state
        checkpoint.state = KernelState()
        return state
    }
}

extension JobRunner {
    /// Restores `kernel` from `state`. A ``StateReleasingKernel`` removes
    /// each array from `state` once it has copied the values, so that host
    /// memory does not contain the whole state and the whole restored kernel at once.
    func restoreState(of kernel: any Kernel, from state: inout KernelState) throws {
        if let releasing = kernel as? any StateReleasingKernel {
            try releasing.restoreState(releasing: &state)
        } else {
            try kernel.restoreState(state)
        }
    }
}
