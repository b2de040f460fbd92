import Testing
import PerpetualCore

/// Trace rows a ``FakeKernel`` produces in steps 1 through `steps`: every
/// step whose number is not divisible by 3.
func fakeTraceRows(through steps: Int) -> Int {
    (0...steps).filter { $0 > 0 && $0 % 3 != 0 }.count
}

@Suite struct HarnessTests {
    @Test func runsToCompletion() throws {
        let kernel = FakeKernel(totalSteps: 50)
        let sink = MemorySink()
        let harness = Harness(kernel: kernel, sink: sink, budgets: [], progressInterval: .infinity)

        let outcome = try harness.run()

        guard case .complete(let receipt?) = outcome else {
            Issue.record("expected completion with a receipt, got \(outcome)")
            return
        }
        #expect(receipt.location == "memory:0")
        #expect(kernel.completedSteps == 50)
        #expect(sink.snapshots.map(\.step) == [50])
        #expect(sink.snapshots.first?.isComplete == true)
        #expect(sink.snapshots.first?.kernelName == "fake")
        #expect(sink.committedTrace.count == fakeTraceRows(through: 50) * 3)
        #expect(harness.accounting.segments == 1)
    }

    @Test func stopAndResumeMatchesUninterruptedRun() throws {
        let totalSteps = 100
        let reference = FakeKernel(totalSteps: totalSteps)
        let referenceSink = MemorySink()
        _ = try Harness(kernel: reference, sink: referenceSink, budgets: [], progressInterval: .infinity).run()

        let sink = MemorySink()
        var kernel = FakeKernel(totalSteps: totalSteps)
        var accounting: RunAccounting?
        var segments = 0
        while segments < 10 {
            let harness = Harness(kernel: kernel, sink: sink, budgets: [StepBudget(maxSteps: 37)],
                                  accounting: accounting, committedTraceRows: sink.committedRows,
                                  progressInterval: .infinity)
            let outcome = try harness.run()
            segments += 1
            if case .complete = outcome { break }

            guard case .stopped(let reason, _) = outcome, let last = sink.snapshots.last else {
                Issue.record("expected a stop with a checkpoint, got \(outcome)")
                return
            }
            #expect(reason.reading.name == "steps")
            #expect(reason.trigger == .demandedByBudget)

            // Resume into a fresh kernel, as a new process would.
            kernel = FakeKernel(totalSteps: totalSteps)
            try kernel.restoreState(last.state)
            accounting = last.accounting
        }

        #expect(segments == 3)
        #expect(sink.snapshots.map(\.step) == [37, 74, 100])
        #expect(sink.firstRows == [0, fakeTraceRows(through: 37), fakeTraceRows(through: 74)])
        #expect(kernel.captureState() == reference.captureState())
        #expect(sink.committedTrace == referenceSink.committedTrace)
        #expect(sink.snapshots.last?.accounting.segments == 3)
    }

    @Test func periodicCheckpointsEveryTenSteps() throws {
        let kernel = FakeKernel(totalSteps: 35)
        let sink = MemorySink()
        var triggers: [CheckpointTrigger] = []
        let harness = Harness(kernel: kernel, sink: sink, budgets: [], schedule: CheckpointSchedule(everySteps: 10),
                              progressInterval: .infinity) { event in
            if case .checkpointCommitted(let record) = event { triggers.append(record.trigger) }
        }

        _ = try harness.run()

        #expect(sink.snapshots.map(\.step) == [10, 20, 30, 35])
        #expect(triggers == [.periodic, .periodic, .periodic, .final])
        #expect(sink.firstRows == [0, fakeTraceRows(through: 10), fakeTraceRows(through: 20), fakeTraceRows(through: 30)])
    }

    @Test func periodicCheckpointsSkipResumedStep() throws {
        let kernel = FakeKernel(totalSteps: 35)
        for _ in 0..<20 { _ = try kernel.advanceStep() }
        let sink = MemorySink()
        let harness = Harness(kernel: kernel, sink: sink, budgets: [], schedule: CheckpointSchedule(everySteps: 10),
                              progressInterval: .infinity)

        _ = try harness.run()

        #expect(sink.snapshots.map(\.step) == [30, 35])
    }

    @Test func periodicCheckpointsByElapsedSeconds() throws {
        let clock = ManualClock()
        let kernel = FakeKernel(totalSteps: 14)
        kernel.clock = clock
        kernel.stepSeconds = { _ in 1 }
        let sink = MemorySink()
        let harness = Harness(kernel: kernel, sink: sink, budgets: [], schedule: CheckpointSchedule(everySeconds: 4),
                              clock: clock, progressInterval: .infinity)

        _ = try harness.run()

        #expect(sink.snapshots.map(\.step) == [4, 8, 12, 14])
    }

    @Test func stopReusesPeriodicCheckpointAtSameStep() throws {
        let kernel = FakeKernel(totalSteps: 100)
        let sink = MemorySink()
        let harness = Harness(kernel: kernel, sink: sink, budgets: [StepBudget(maxSteps: 20)],
                              schedule: CheckpointSchedule(everySteps: 10), progressInterval: .infinity)

        let outcome = try harness.run()

        #expect(sink.snapshots.map(\.step) == [10, 20])
        guard case .stopped(_, let receipt) = outcome else {
            Issue.record("expected a stop, got \(outcome)")
            return
        }
        #expect(receipt.location == "memory:1")
    }

    @Test func zeroStepBudgetStopsBeforeFirstStep() throws {
        let kernel = FakeKernel(totalSteps: 10)
        let sink = MemorySink()
        let harness = Harness(kernel: kernel, sink: sink, budgets: [StepBudget(maxSteps: 0)], progressInterval: .infinity)

        let outcome = try harness.run()

        guard case .stopped(let reason, _) = outcome else {
            Issue.record("expected a stop, got \(outcome)")
            return
        }
        #expect(reason.step == 0)
        #expect(kernel.completedSteps == 0)
        #expect(sink.snapshots.map(\.step) == [0])
        #expect(sink.committedTrace.isEmpty)
    }

    @Test func alreadyCompleteCommitsNothing() throws {
        let kernel = FakeKernel(totalSteps: 5)
        for _ in 0..<5 { _ = try kernel.advanceStep() }
        let sink = MemorySink()
        var events: [HarnessEvent] = []
        let harness = Harness(kernel: kernel, sink: sink, budgets: [StepBudget(maxSteps: 0)],
                              progressInterval: .infinity) { events.append($0) }

        let outcome = try harness.run()

        #expect(outcome == .complete(nil))
        #expect(sink.snapshots.isEmpty)
        #expect(kernel.completedSteps == 5)
        #expect(events.count == 1)
    }

    @Test func kernelFailureReportsStep() throws {
        let kernel = FakeKernel(totalSteps: 20)
        kernel.failAfterSteps = 6
        let sink = MemorySink()
        let harness = Harness(kernel: kernel, sink: sink, budgets: [], schedule: CheckpointSchedule(everySteps: 5),
                              progressInterval: .infinity)

        let error = #expect(throws: HarnessError.self) { try harness.run() }

        #expect(error?.code == .kernelStepFailed)
        #expect(error?.step == 6)
        #expect(error?.underlying as? InjectedFailure == InjectedFailure(label: "step 7"))
        #expect(error?.description.contains("failed in step 7 of 20") == true)
        #expect(sink.snapshots.map(\.step) == [5])
    }

    @Test func sinkFailureReportsStep() throws {
        let kernel = FakeKernel(totalSteps: 20)
        let sink = MemorySink()
        sink.failOnCommit = 1
        let harness = Harness(kernel: kernel, sink: sink, budgets: [], schedule: CheckpointSchedule(everySteps: 5),
                              progressInterval: .infinity)

        let error = #expect(throws: HarnessError.self) { try harness.run() }

        #expect(error?.code == .checkpointCommitFailed)
        #expect(error?.step == 10)
        #expect(error?.underlying as? InjectedFailure == InjectedFailure(label: "commit 1"))
        #expect(error?.description.contains("at step 10 of 20") == true)
        #expect(sink.snapshots.map(\.step) == [5])
    }

    @Test func accountingCountsComputeAndWrites() throws {
        let clock = ManualClock()
        let kernel = FakeKernel(totalSteps: 10)
        kernel.clock = clock
        kernel.stepSeconds = { _ in 1 }
        let sink = MemorySink()
        sink.clock = clock
        sink.writeSeconds = { _ in 0.5 }
        let earlier = RunAccounting(segments: 2, computeSeconds: 7, checkpointSeconds: 3, elapsedSeconds: 12)
        let harness = Harness(kernel: kernel, sink: sink, budgets: [], schedule: CheckpointSchedule(everySteps: 5),
                              clock: clock, accounting: earlier, progressInterval: .infinity)

        _ = try harness.run()

        let live = harness.accounting
        #expect(live.segments == 3)
        #expect(live.computeSeconds == 17)
        #expect(live.checkpointSeconds == 4)
        #expect(live.elapsedSeconds == 23)

        // The snapshot's copy is taken before its own write starts, and
        // counts that write at an estimate: before any measurement 0.1 s
        // plus the bytes at 50 MB/s, then the last measured 0.5 s.
        let stored = sink.snapshots.map(\.accounting)
        let firstEstimate = 0.1 + Double(sink.snapshots[0].state.arrayByteCount + sink.snapshots[0].pendingTrace.values.count * 8) / 50e6
        #expect(stored.map(\.computeSeconds) == [12, 17])
        #expect(stored.map(\.checkpointSeconds) == [3 + firstEstimate, 3.5 + 0.5])
        #expect(stored.map(\.elapsedSeconds) == [17 + firstEstimate, 22.5 + 0.5])
        #expect(stored.map(\.segments) == [3, 3])
    }

    @Test func progressEventsReportRateAndBudget() throws {
        let clock = ManualClock()
        let kernel = FakeKernel(totalSteps: 35)
        kernel.clock = clock
        kernel.stepSeconds = { _ in 1 }
        var progress: [HarnessProgress] = []
        var firstEventIsStart = false
        let harness = Harness(kernel: kernel, sink: MemorySink(), budgets: [WalltimeBudget(limitSeconds: 100, start: 0)],
                              clock: clock, progressInterval: 10) { event in
            if case .started(let step, let total) = event, step == 0, total == 35 { firstEventIsStart = true }
            if case .progress(let report) = event { progress.append(report) }
        }

        _ = try harness.run()

        #expect(firstEventIsStart)
        #expect(progress.map(\.step) == [10, 20, 30])
        #expect(progress.map(\.stepsPerSecond) == [1, 1, 1])
        #expect(progress.map(\.etaSeconds) == [25, 15, 5])
        #expect(progress.map(\.segmentSeconds) == [10, 20, 30])
        #expect(progress.first?.tightestBudget?.name == "walltime")
        #expect(progress.first?.tightestBudget?.remainingFraction == 0.9)
    }
}
