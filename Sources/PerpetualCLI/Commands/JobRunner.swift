import Foundation
import PerpetualCheckpoint
import PerpetualCore
import PerpetualSlurm

/// Runs one segment of a job, fresh or resumed, and returns the exit code.
///
/// Under `mpirun` or `srun` every rank runs the same calls with its share of
/// the kernel; the checkpoint store and the harness make them collective.
struct JobRunner {
    var logger: Logger
    var signals: StopSignalHandlers
    var clock: any MonotonicClock
    /// Monotonic time at process start, the origin of the walltime budget.
    var processStart: Double
    /// The ranks of this job; one unless a launcher started several.
    var communicator: any Communicator

    static let producer = "perpetual \(PerpetualVersion.string)"

    /// Starts a new job from command-line options.
    func runFresh(_ parsed: ParsedArguments) throws -> ExitCode {
        let values = try OptionResolution.resolveFresh(parsed)
        let entry = try KernelCatalog.entry(named: try values.required("kernel"))
        let settings = try ExecutionSettings(values)
        let kernel = try makeKernel(entry, values)

        let lock: JobLock?
        let store = try CheckpointStore(
            path: settings.checkpointPath, keepGenerations: settings.keepGenerations,
            configuration: ConfigurationFile.encode(values.values), producer: Self.producer,
            communicator: communicator)
        do {
            lock = try takeLock(settings.checkpointPath)
            try store.prepareFreshRun()
        } catch let error as CheckpointError where [.notFound, .notWritable, .alreadyExists].contains(error.code) {
            var message = "cannot start a job with --checkpoint \(settings.checkpointPath): \(error)"
            if error.code == .alreadyExists {
                message += ". To continue that job, run '\(ProgramName.current) --resume \(settings.checkpointPath)'"
            }
            throw UsageError(message, command: "run")
        }

        if communicator.isRoot {
            ProgressMarker(checkpointPath: settings.checkpointPath).remove()
        }
        logger.info("starting \(entry.name) job: \(describe(values, entry: entry)); checkpoint \(settings.checkpointPath)\(describeRanks())")
        let convergence = try makeConvergenceCheck(values, kernel: kernel, checkpointPath: settings.checkpointPath, committedTraceRows: 0)
        return try withExtendedLifetime(lock) {
            try execute(kernel: kernel, entry: entry, store: store, settings: settings,
                        accounting: nil, committedTraceRows: 0, convergence: convergence)
        }
    }

    /// Continues the job checkpointed at `path`.
    func resume(path: String, _ parsed: ParsedArguments) throws -> ExitCode {
        let lock = try takeLock(path)
        var point = try CheckpointReader.loadNewestValid(path: path, communicator: communicator)
        var state = point.takeState()
        for skipped in point.skipped where communicator.isRoot {
            logger.warning("skipping checkpoint generation \(skipped.path): \(skipped.reason)")
        }
        let checkpoint = point.checkpoint
        if !point.skipped.isEmpty && communicator.isRoot {
            logger.warning("falling back to generation \(checkpoint.path) at step \(checkpoint.step)")
        }
        guard let stored = ConfigurationFile.decode(checkpoint.configuration) else {
            throw CheckpointError(.corrupt, path: checkpoint.path, detail: "the stored configuration is not a JSON object of option values")
        }

        let values = try OptionResolution.resolveResume(stored: stored, parsed: parsed, checkpointPath: path)
        let entry = try KernelCatalog.entry(named: try values.required("kernel"))
        guard entry.name == checkpoint.kernelName else {
            throw CheckpointError(.corrupt, path: checkpoint.path,
                                  detail: "configuration names kernel '\(entry.name)' but the file was written by kernel '\(checkpoint.kernelName)'")
        }
        let settings = try ExecutionSettings(values)
        let kernel = try makeKernel(entry, values)
        try restoreState(of: kernel, from: &state)
        guard kernel.completedSteps == checkpoint.step else {
            throw CheckpointError(.corrupt, path: checkpoint.path,
                                  detail: "the kernel state is at step \(kernel.completedSteps) but the file records step \(checkpoint.step)")
        }

        let store = try CheckpointStore(
            path: path, keepGenerations: settings.keepGenerations,
            configuration: ConfigurationFile.encode(values.values), producer: Self.producer,
            communicator: communicator)
        try store.prepareResume(from: point)

        logger.info("resuming \(entry.name) job from \(checkpoint.path) at step \(checkpoint.step) of \(checkpoint.totalSteps) (segment \(checkpoint.accounting.segments + 1))\(describeRanks())")
        let convergence = kernel.isComplete ? nil : try makeConvergenceCheck(values, kernel: kernel, checkpointPath: path,
                                                                                   committedTraceRows: checkpoint.committedTraceRows)
        return try withExtendedLifetime(lock) {
            try execute(kernel: kernel, entry: entry, store: store, settings: settings,
                        accounting: resumedAccounting(checkpoint), committedTraceRows: checkpoint.committedTraceRows,
                        convergence: convergence)
        }
    }

    /// Runs the harness and turns its outcome into an exit code. A stop by
    /// the device memory budget is handled in this process (see
    /// `JobRunner+DeviceRestart.swift`) rather than ending it.
    private func execute(kernel: any Kernel, entry: KernelEntry, store: CheckpointStore, settings: ExecutionSettings,
                         accounting: RunAccounting?, committedTraceRows: Int,
                         convergence: (any CompletionCheck)? = nil) throws -> ExitCode {
        let startStep = kernel.completedSteps
        let hostMemory = makeHostMemoryBudget(settings)
        let deviceMemory = (kernel as? any DeviceMemoryKernel).map { DeviceMemoryBudget(kernel: $0, threshold: settings.deviceThreshold,
                                                                                        restartPolicy: settings.deviceRestartPolicy) }
        let walltime = SegmentWalltime.budget(walltimeSeconds: settings.walltimeSeconds, processStart: processStart,
                                              clock: clock, logger: logger)
        let shared = SharedBudgets(walltime: walltime, hostMemory: hostMemory, deviceMemory: deviceMemory,
                                   disk: makeDiskBudget(settings), coreHours: makeCoreHoursBudget(settings, accounting: accounting),
                                   processStartStep: startStep)
        let harness = makeHarness(kernel: kernel, store: store, settings: settings, budgets: shared,
                                  accounting: accounting, committedTraceRows: committedTraceRows,
                                  completionCheck: convergence)

        var outcome = try harness.run()
        if let deviceMemory, let deviceKernel = kernel as? any DeviceMemoryKernel {
            outcome = try continueAfterDeviceStops(outcome, kernel: deviceKernel, budget: deviceMemory, store: store,
                                                   settings: settings, budgets: shared)
        }
        let finalAccounting = shared.harnesses.latest?.accounting ?? harness.accounting
        logEfficiency(finalAccounting, settings: settings)
        switch outcome {
        case .complete:
            if let message = harness.completionMessage, communicator.isRoot {
                logger.info("stopping early: \(message)")
            }
            let tracePath = try store.finalizeTrace()
            logger.info("work complete: \(kernel.totalSteps) steps; trace in \(tracePath)")
            for line in communicator.isRoot ? (try? entry.summarize(tracePath)) ?? [] : [] {
                logger.info("summary: \(line)")
            }
            return .complete
        case .stoppedWithoutCheckpoint(let reason):
            return finishWithoutCheckpoint(reason, settings: settings,
                                           hasEarlierCheckpoint: accounting != nil || finalAccounting.checkpointCount > 0)
        case .stopped(let reason, let receipt):
            // The device restart loop has logged why it could not go on.
            if reason.reading.name == DeviceMemoryBudget.name {
                return .failure
            }
            if reason.reading.name == CoreHoursBudget.name {
                return finishCoreHoursExhausted(reason, receipt: receipt, stepsDone: kernel.completedSteps, totalSteps: kernel.totalSteps)
            }
            // A time or memory budget too small for one step would make a
            // job script resubmit forever without progress, so it is a failure.
            if kernel.completedSteps == startStep, reason.reading.unit == .seconds || reason.reading.unit == .bytes {
                let remedy = reason.reading.unit == .seconds
                    ? "the budget is too short for one step plus a checkpoint. Give a longer --walltime"
                    : "the memory in use at the start already exceeds the budget. Give a larger --memory (or Slurm --mem), or a higher --memory-threshold"
                logger.error("\(reason.message) before a single step could run: \(remedy)")
                return .failure
            }
            logger.info("\(reason.message); checkpoint at step \(kernel.completedSteps) of \(kernel.totalSteps) in \(receipt.location)")
            logger.info("work remains: continue with '\(ProgramName.current) --resume \(ShellQuoting.bashWord(settings.checkpointPath))' (exit code 75)")
            return .checkpointed
        }
    }

    /// Creates the harness of one run of the loop, with the segment's
    /// budgets: signals, walltime (from process start), the steps left of
    /// `--segment-steps` in this process, host and device memory.
    func makeHarness(kernel: any Kernel, store: CheckpointStore, settings: ExecutionSettings, budgets shared: SharedBudgets,
                     accounting: RunAccounting?, committedTraceRows: Int,
                     completionCheck: (any CompletionCheck)? = nil) -> Harness {
        var budgets: [any Budget] = [SignalBudget(handlers: signals)]
        if let walltime = shared.walltime {
            budgets.append(walltime)
        }
        if let steps = settings.segmentSteps {
            budgets.append(StepBudget(maxSteps: max(0, steps - (kernel.completedSteps - shared.processStartStep))))
        }
        if let hostMemory = shared.hostMemory {
            budgets.append(hostMemory)
        }
        if let deviceMemory = shared.deviceMemory {
            budgets.append(deviceMemory)
        }
        if let disk = shared.disk {
            budgets.append(disk)
        }
        if let coreHours = shared.coreHours {
            budgets.append(coreHours)
        }
        let policy: any StopPolicy = switch settings.policy {
        case .predictive: PredictivePolicy()
        case .threshold: ThresholdPolicy(threshold: settings.stopThreshold)
        }
        let reporter = ProgressReporter(logger: logger, marker: communicator.isRoot ? ProgressMarker(checkpointPath: settings.checkpointPath) : nil,
                                        segment: (accounting?.segments ?? 0) + 1)
        let harness = Harness(
            kernel: kernel, sink: store, budgets: budgets, policy: policy,
            schedule: makeSchedule(settings, accounting: accounting),
            clock: clock, accounting: accounting, committedTraceRows: committedTraceRows,
            progressInterval: settings.progressInterval, communicator: communicator,
            coordinationSeconds: settings.coordinationInterval, coresPerRank: settings.resolvedCoresPerRank(),
            completionCheck: completionCheck, events: reporter.report)
        shared.harnesses.latest = harness
        return harness
    }

    /// Returns the host memory budget when a cgroup or `--memory` sets a
    /// limit, logging which one; `nil` without any limit.
    private func makeHostMemoryBudget(_ settings: ExecutionSettings) -> HostMemoryBudget? {
        let budget = HostMemoryBudget(manualLimitBytes: settings.memoryLimit, threshold: settings.memoryThreshold)
        guard budget.hasLimit else {
            logger.debug("no host memory limit: no cgroup limit found and no --memory given")
            return nil
        }
        if let cgroup = budget.cgroup {
            logger.debug("host memory limit of cgroup v\(cgroup.version) \(cgroup.directory): \(ByteSize.format(cgroup.limitBytes))")
        }
        return budget
    }

    /// Takes the job's lock on rank 0, logging when the file system cannot
    /// provide one. Collective: a failure on rank 0 reaches every rank.
    private func takeLock(_ checkpointPath: String) throws -> JobLock? {
        var lock: JobLock?
        try communicator.onRoot {
            lock = try JobLock(checkpointPath: checkpointPath)
            if let reason = lock?.unavailableReason {
                logger.warning(reason)
            }
        }
        return lock
    }

    /// Builds this rank's kernel: the whole kernel for one rank, else the
    /// rank's share through ``KernelEntry/makeForRank``.
    /// - Throws: ``UsageError`` when the kernel runs as one process only.
    private func makeKernel(_ entry: KernelEntry, _ values: OptionValues) throws -> any Kernel {
        guard communicator.size > 1 else { return try entry.make(values) }
        if let makeWithCommunicator = entry.makeWithCommunicator {
            return try makeWithCommunicator(values, communicator)
        }
        guard let makeForRank = entry.makeForRank else {
            throw UsageError("kernel '\(entry.name)' runs as one process only, but \(communicator.size) MPI ranks were started; run it without mpirun or srun, or with one rank", command: "run")
        }
        return try makeForRank(values, communicator.rank, communicator.size)
    }

    private func describeRanks() -> String {
        communicator.size > 1 ? " on \(communicator.size) MPI ranks" : ""
    }

    private func describe(_ values: OptionValues, entry: KernelEntry) -> String {
        entry.options.compactMap { option in values[option.name].map { "\(option.name)=\($0)" } }.joined(separator: " ")
    }
}
