/// Runs a kernel step by step within its budgets and checkpoints it, so that
/// a job can stop before its walltime and later resume bit-identically.
///
/// One harness runs one segment (one process run) of a job. The loop, at
/// every step boundary including the one before the first step:
/// 1. If the kernel is complete, commit the final checkpoint and return
///    ``HarnessOutcome/complete(_:)``.
///    The same when the ``completionCheck`` reports the work done and the
///    kernel accepts an early end (``EarlyCompletionKernel``).
/// 2. If the ``CheckpointSchedule`` has one due, commit a periodic checkpoint.
/// 3. Read every budget and ask the policy. On stop, commit a checkpoint
///    (or reuse the periodic one just committed at this step) and return
///    ``HarnessOutcome/stopped(_:_:)``.
/// 4. Report progress when `progressInterval` seconds have passed.
/// 5. Take one step, timing it, and append its trace row to the pending
///    ``TraceBlock`` that the next checkpoint commits.
///
/// When the work is already complete at start, ``run()`` takes no step,
/// commits nothing and returns `.complete(nil)`.
///
/// With a ``Communicator`` of more than one rank, every rank runs its own
/// harness on its share of the work and the ranks decide together (see
/// `Harness+Coordination.swift`): budgets are read and the ranks agree on
/// stop, periodic checkpoint and failure only at coordination boundaries,
/// every few steps, and every rank acts on the same agreed value.
///
/// Apart from the kernel's own work, the loop does not allocate between
/// checkpoints and progress reports, except when the pending trace grows.
/// Before the first step it captures the kernel's state once to size the
/// first checkpoint for the policy, which costs one copy of the state.
///
/// Accounting: ``accounting`` adds up compute seconds (inside
/// ``Kernel/advanceStep()``), checkpoint seconds (state capture and commit),
/// elapsed and core seconds across segments, and keeps one
/// ``SegmentRecord`` per segment (see `Harness+Accounting.swift`). The copy
/// inside each snapshot is taken before that checkpoint's write, so it
/// counts the write at an estimate and not the time after it.
///
/// Budgets that conform to ``CheckpointSpaceBudget`` are asked before every
/// write; when one rejects it, nothing is written and the run returns
/// ``HarnessOutcome/stoppedWithoutCheckpoint(_:)``.
public final class Harness {
    public let kernel: any Kernel
    public let sink: any CheckpointSink
    public let budgets: [any Budget]
    public let policy: any StopPolicy
    public let schedule: CheckpointSchedule
    public let clock: any MonotonicClock
    /// Seconds between progress events.
    public let progressInterval: Double
    /// The ranks running this job; one rank unless the job runs under MPI.
    public let communicator: any Communicator
    /// Target seconds of work between two collective stop checks of a
    /// multi-rank job.
    public let coordinationSeconds: Double
    /// Cores of each rank, for the core-seconds of the accounting.
    public let coresPerRank: Int
    /// Decides that the work is done before the kernel's last step; `nil`
    /// runs the kernel to ``Kernel/totalSteps``.
    public let completionCheck: (any CompletionCheck)?
    /// The ``completionCheck``'s sentence when it ended the run, else `nil`.
    public internal(set) var completionMessage: String?
    let events: (HarnessEvent) -> Void

    /// Accounting of the whole job, this segment included, as of the last
    /// checkpoint (or the start, before any).
    public internal(set) var accounting: RunAccounting
    /// Accounting of the earlier segments, the base for elapsed seconds.
    let earlierAccounting: RunAccounting

    /// Trace rows since the last checkpoint.
    var pendingTrace: TraceBlock
    /// One reading per budget, overwritten in place at every boundary.
    var readings: [BudgetReading]
    /// Array bytes of the kernel state at the last capture.
    var stateBytes = 0
    /// Index of this segment's record in the accounting's segment history.
    var segmentRecordIndex = 0
    /// Unix time when this segment started, with ``segmentStartTime`` on the harness clock.
    var segmentStartEpoch = 0.0
    var lastCheckpoint: CheckpointRecord?
    var segmentStartTime = 0.0
    var segmentStartStep = 0
    var lastCheckpointTime = 0.0
    var lastProgressTime = 0.0
    var lastProgressStep = 0
    /// Schedule of the collective checks of a multi-rank job.
    var coordination = CoordinationState()
    /// Recent step durations of this rank, for the coordination interval.
    var recentSteps = DurationWindow(capacity: 64)
    private var hasRun = false

    /// Creates a harness for one segment.
    ///
    /// - Parameters:
    ///   - kernel: The kernel, fresh or restored from a checkpoint.
    ///   - sink: Destination of the checkpoints.
    ///   - budgets: Limits of this segment. With none, the run goes on until
    ///     the kernel completes.
    ///   - policy: Decides when to stop; ``PredictivePolicy`` by default.
    ///   - schedule: Periodic checkpoints; none by default.
    ///   - clock: Time source of the budgets, the timings and progress.
    ///   - accounting: Accounting stored in the checkpoint being resumed, or
    ///     `nil` for a fresh job. The harness counts its run as one more
    ///     segment, and seeds the policy with the mean step time so far.
    ///   - committedTraceRows: Trace rows already committed by earlier
    ///     checkpoints; the first pending row gets this index.
    ///   - progressInterval: Seconds between progress events, > 0;
    ///     `.infinity` turns them off.
    ///   - communicator: The ranks of the job. The sink must be collective
    ///     over the same ranks when there is more than one.
    ///   - coordinationSeconds: Target seconds of work between two collective
    ///     checks of a multi-rank job, > 0. A signal on one rank takes effect
    ///     on all ranks within about this time plus one step.
    ///   - coresPerRank: Cores each rank is charged for, ≥ 1; the accounting
    ///     counts ranks × cores per rank × elapsed seconds as core-seconds.
    ///   - completionCheck: Ends the run as complete before the kernel's last
    ///     step when it reports the work done and the kernel is an
    ///     ``EarlyCompletionKernel``. The default `nil` runs every step.
    ///   - events: Receives events on the calling thread, between steps.
    public init(kernel: any Kernel, sink: any CheckpointSink, budgets: [any Budget],
                policy: any StopPolicy = PredictivePolicy(), schedule: CheckpointSchedule = .never,
                clock: any MonotonicClock = SystemClock(), accounting: RunAccounting? = nil,
                committedTraceRows: Int = 0, progressInterval: Double = 10,
                communicator: any Communicator = SingleProcessCommunicator(), coordinationSeconds: Double = 0.05,
                coresPerRank: Int = 1, completionCheck: (any CompletionCheck)? = nil,
                events: @escaping (HarnessEvent) -> Void = { _ in }) {
        precondition(committedTraceRows >= 0, "Harness committedTraceRows must be ≥ 0, got \(committedTraceRows)")
        precondition(progressInterval > 0, "Harness progressInterval must be > 0 seconds (.infinity for no progress events), got \(progressInterval)")
        precondition(coordinationSeconds > 0 && coordinationSeconds.isFinite, "Harness coordinationSeconds must be finite and > 0, got \(coordinationSeconds)")
        precondition(coresPerRank >= 1, "Harness coresPerRank must be ≥ 1, got \(coresPerRank)")
        self.coresPerRank = coresPerRank
        self.communicator = communicator
        self.coordinationSeconds = coordinationSeconds
        self.completionCheck = completionCheck
        self.kernel = kernel
        self.sink = sink
        self.budgets = budgets
        self.policy = policy
        self.schedule = schedule
        self.clock = clock
        self.progressInterval = progressInterval
        self.events = events

        let earlier = accounting ?? RunAccounting(segments: 0)
        self.earlierAccounting = earlier
        var current = earlier
        current.segments += 1
        self.accounting = current

        let rowLength = kernel.traceSchema.rowLength(rank: communicator.rank, size: communicator.size)
        self.pendingTrace = TraceBlock(firstRow: committedTraceRows, rowLength: rowLength)
        let placeholder = BudgetReading(name: "", unit: .steps, used: 0, limit: 1, secondsLeft: nil, demandsImmediateStop: false)
        self.readings = [BudgetReading](repeating: placeholder, count: budgets.count)
    }

    /// Runs the segment until the kernel completes or a budget stops it.
    ///
    /// Traps when called a second time: create one harness per segment.
    /// - Throws: ``HarnessError`` when a kernel step or a checkpoint commit
    ///   throws. The last committed checkpoint is then still intact.
    ///   A checkpoint that a ``CheckpointSpaceBudget`` rejects is no error:
    ///   the run returns ``HarnessOutcome/stoppedWithoutCheckpoint(_:)``.
    public func run() throws(HarnessError) -> HarnessOutcome {
        precondition(!hasRun, "Harness.run() was already called; create a new Harness for each segment")
        hasRun = true
        startSegment()
        events(.started(step: kernel.completedSteps, totalSteps: kernel.totalSteps))
        if kernel.isComplete {
            return .complete(nil)
        }
        stateBytes = kernel.captureState().arrayByteCount
        if communicator.size > 1 {
            return try runCoordinated()
        }

        while true {
            var now = clock.now()
            if kernel.isComplete {
                switch try commitCheckpoint(.final) {
                case .committed(let record): return .complete(record.receipt)
                case .rejected(let reason): return .stoppedWithoutCheckpoint(reason)
                }
            }
            if completionCheck != nil {
                if let outcome = try completeEarlyIfDone() {
                    return outcome
                }
                // A check can take long; the stop decision below needs the time after it.
                now = clock.now()
            }

            if isPeriodicCheckpointDue(now: now) {
                if case .rejected(let reason) = try commitCheckpoint(.periodic) {
                    return .stoppedWithoutCheckpoint(reason)
                }
                now = clock.now()
            }

            if let reason = stopReason(now: now) {
                events(.stopRequested(reason))
                return try stopOutcome(reason)
            }

            reportProgressIfDue(now: now)
            try advanceOneStep()
        }
    }

    // MARK: - Steps

    private func startSegment() {
        let now = clock.now()
        segmentStartTime = now
        lastCheckpointTime = now
        lastProgressTime = now
        segmentStartStep = kernel.completedSteps
        lastProgressStep = segmentStartStep
        startSegmentRecord(epoch: RealtimeClock.epochSeconds())

        // A resumed job has a measured mean step time. Without it the
        // predictive policy would have no estimate for the first step.
        if segmentStartStep > 0 && earlierAccounting.computeSeconds > 0 {
            policy.recordStep(seconds: earlierAccounting.computeSeconds / Double(segmentStartStep))
        }

        // The last write of the resumed chain predicts this segment's first
        // write better than the policy's bandwidth guess.
        if let seconds = earlierAccounting.lastCheckpointSeconds {
            policy.recordCheckpoint(seconds: seconds, bytes: earlierAccounting.lastCheckpointBytes ?? 0)
        }
    }

    /// Takes one step, times it and keeps its trace row.
    func advanceOneStep() throws(HarnessError) {
        let step = kernel.completedSteps
        let begin = clock.now()
        let row: [Double]?
        do {
            row = try kernel.advanceStep()
        } catch {
            throw HarnessError(.kernelStepFailed, step: step, totalSteps: kernel.totalSteps,
                               kernelName: kernel.kernelName, underlying: error)
        }
        let seconds = clock.now() - begin
        precondition(kernel.completedSteps == step + 1,
                     "kernel '\(kernel.kernelName)' went from step \(step) to \(kernel.completedSteps) in one advanceStep(); it must add exactly 1")

        accounting.computeSeconds += seconds
        policy.recordStep(seconds: seconds)
        if communicator.size > 1 {
            recentSteps.add(seconds)
        }
        if let row {
            pendingTrace.append(row: row)
            completionCheck?.record(row: row)
        }
    }
}
