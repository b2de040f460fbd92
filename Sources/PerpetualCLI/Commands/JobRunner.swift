import Foundation
import PerpetualCheckpoint
import PerpetualCore

/// Runs one segment of a job, fresh or resumed, and returns the exit code.
struct JobRunner {
    var logger: Logger
    var signals: StopSignalHandlers
    var clock: any MonotonicClock
    /// Monotonic time at process start, the origin of the walltime budget.
    var processStart: Double

    static let producer = "perpetual \(PerpetualVersion.string)"

    /// Starts a new job from command-line options.
    func runFresh(_ parsed: ParsedArguments) throws -> ExitCode {
        let values = try OptionResolution.resolveFresh(parsed)
        let entry = try KernelCatalog.entry(named: try values.required("kernel"))
        let settings = try ExecutionSettings(values)
        let kernel = try entry.make(values)

        let store = try CheckpointStore(
            path: settings.checkpointPath, keepGenerations: settings.keepGenerations,
            configuration: ConfigurationFile.encode(values.values), producer: Self.producer)
        do {
            try store.prepareFreshRun()
        } catch let error as CheckpointError where [.notFound, .notWritable, .alreadyExists].contains(error.code) {
            var message = "cannot start a job with --checkpoint \(settings.checkpointPath): \(error)"
            if error.code == .alreadyExists {
                message += ". To continue that job, run 'simrun --resume \(settings.checkpointPath)'"
            }
            throw UsageError(message, command: "run")
        }

        logger.info("starting \(entry.name) job: \(describe(values, entry: entry)); checkpoint \(settings.checkpointPath)")
        return try execute(kernel: kernel, entry: entry, store: store, settings: settings,
                           accounting: nil, committedTraceRows: 0)
    }

    /// Continues the job checkpointed at `path`.
    func resume(path: String, _ parsed: ParsedArguments) throws -> ExitCode {
        let point = try CheckpointReader.loadNewestValid(path: path)
        for skipped in point.skipped {
            logger.warning("skipping checkpoint generation \(skipped.path): \(skipped.reason)")
        }
        let checkpoint = point.checkpoint
        if !point.skipped.isEmpty {
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
        let kernel = try entry.make(values)
        try kernel.restoreState(checkpoint.state)
        guard kernel.completedSteps == checkpoint.step else {
            throw CheckpointError(.corrupt, path: checkpoint.path,
                                  detail: "the kernel state is at step \(kernel.completedSteps) but the file records step \(checkpoint.step)")
        }

        let store = try CheckpointStore(
            path: path, keepGenerations: settings.keepGenerations,
            configuration: ConfigurationFile.encode(values.values), producer: Self.producer)
        try store.prepareResume(from: point)

        logger.info("resuming \(entry.name) job from \(checkpoint.path) at step \(checkpoint.step) of \(checkpoint.totalSteps) (segment \(checkpoint.accounting.segments + 1))")
        return try execute(kernel: kernel, entry: entry, store: store, settings: settings,
                           accounting: checkpoint.accounting, committedTraceRows: checkpoint.committedTraceRows)
    }

    /// Runs the harness and turns its outcome into an exit code.
    private func execute(kernel: any Kernel, entry: KernelEntry, store: CheckpointStore, settings: ExecutionSettings,
                         accounting: RunAccounting?, committedTraceRows: Int) throws -> ExitCode {
        var budgets: [any Budget] = [SignalBudget(handlers: signals)]
        if let walltime = SegmentWalltime.budget(walltimeSeconds: settings.walltimeSeconds, processStart: processStart,
                                                 clock: clock, logger: logger) {
            budgets.append(walltime)
        }
        if let steps = settings.segmentSteps {
            budgets.append(StepBudget(maxSteps: steps))
        }
        let policy: any StopPolicy = switch settings.policy {
        case .predictive: PredictivePolicy()
        case .threshold: ThresholdPolicy(threshold: settings.stopThreshold)
        }
        let reporter = ProgressReporter(logger: logger)
        let harness = Harness(
            kernel: kernel, sink: store, budgets: budgets, policy: policy,
            schedule: CheckpointSchedule(everySteps: settings.checkpointEverySteps, everySeconds: settings.checkpointEverySeconds),
            clock: clock, accounting: accounting, committedTraceRows: committedTraceRows,
            progressInterval: settings.progressInterval, events: reporter.report)

        switch try harness.run() {
        case .complete:
            let tracePath = try store.finalizeTrace()
            logger.info("work complete: \(kernel.totalSteps) steps; trace in \(tracePath)")
            for line in (try? entry.summarize(tracePath)) ?? [] {
                logger.info("summary: \(line)")
            }
            return .complete
        case .stopped(let reason, let receipt):
            logger.info("\(reason.message); checkpoint at step \(kernel.completedSteps) of \(kernel.totalSteps) in \(receipt.location)")
            logger.info("work remains: continue with 'simrun --resume \(settings.checkpointPath)' (exit code 75)")
            return .checkpointed
        }
    }

    private func describe(_ values: OptionValues, entry: KernelEntry) -> String {
        entry.options.compactMap { option in values[option.name].map { "\(option.name)=\($0)" } }.joined(separator: " ")
    }
}
