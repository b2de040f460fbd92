import Testing
import PerpetualCore

/// A stop policy that records what the harness reports and never stops.
final class RecordingPolicy: StopPolicy {
    private(set) var checkpoints: [(seconds: Double, bytes: Int)] = []
    private(set) var checkpointsBeforeFirstDecision: Int?

    func recordStep(seconds: Double) {}

    func recordCheckpoint(seconds: Double, bytes: Int) {
        checkpoints.append((seconds, bytes))
    }

    func decide(_ readings: [BudgetReading], nextCheckpointBytes: Int) -> StopDecision {
        if checkpointsBeforeFirstDecision == nil {
            checkpointsBeforeFirstDecision = checkpoints.count
        }
        return demandedStop(in: readings) ?? .proceed
    }
}

@Suite struct HarnessDiskSpaceTests {
    @Test func stopWithoutSpaceKeepsPreviousCheckpoint() throws {
        let kernel = FakeKernel(totalSteps: 100)
        let sink = MemorySink()
        let stub = FreeSpaceStub(freeBytes: 1 << 30)
        let disk = DiskBudget(directory: "/ckpt", sampleInterval: 0, availableBytes: stub.read)
        kernel.onStep = { step in
            if step == 25 { stub.freeBytes = 1000 }
        }
        let harness = Harness(kernel: kernel, sink: sink, budgets: [disk], schedule: CheckpointSchedule(everySteps: 10),
                              progressInterval: .infinity)

        let outcome = try harness.run()

        guard case .stoppedWithoutCheckpoint(let reason) = outcome else {
            Issue.record("expected a stop without checkpoint, got \(outcome)")
            return
        }
        #expect(reason.reading.name == "disk")
        #expect(reason.step == 25)
        #expect(reason.message.contains("not enough disk space for the next checkpoint in /ckpt"))
        #expect(sink.snapshots.map(\.step) == [10, 20])
        #expect(harness.accounting.checkpointCount == 2)
    }

    @Test func periodicCheckpointWithoutSpaceStopsRun() throws {
        let kernel = FakeKernel(totalSteps: 100)
        let sink = MemorySink()
        let stub = FreeSpaceStub(freeBytes: 1 << 30)
        // Boundaries read the disk only every 1000 s, so only the admission before the write reads the full disk.
        let clock = ManualClock()
        kernel.clock = clock
        kernel.stepSeconds = { _ in 1 }
        let disk = DiskBudget(directory: "/ckpt", sampleInterval: 1000, availableBytes: stub.read)
        kernel.onStep = { step in
            if step == 15 { stub.freeBytes = 10 }
        }
        let outcome = try Harness(kernel: kernel, sink: sink, budgets: [disk], schedule: CheckpointSchedule(everySteps: 10),
                                  clock: clock, progressInterval: .infinity).run()

        guard case .stoppedWithoutCheckpoint(let reason) = outcome else {
            Issue.record("expected a stop without checkpoint, got \(outcome)")
            return
        }
        #expect(reason.step == 20)
        #expect(kernel.completedSteps == 20)
        #expect(sink.snapshots.map(\.step) == [10])
    }

    @Test func finalCheckpointWithoutSpaceIsNotWritten() throws {
        let kernel = FakeKernel(totalSteps: 5)
        let sink = MemorySink()
        let disk = DiskBudget(directory: "/ckpt", sampleInterval: 1000, availableBytes: FreeSpaceStub(freeBytes: 10).read)
        // The first boundary reads 10 bytes free and stops before any step.
        let outcome = try Harness(kernel: kernel, sink: sink, budgets: [disk], progressInterval: .infinity).run()
        guard case .stoppedWithoutCheckpoint(let reason) = outcome else {
            Issue.record("expected a stop without checkpoint, got \(outcome)")
            return
        }
        #expect(reason.step == 0)
        #expect(sink.snapshots.isEmpty)
    }
}

@Suite struct HarnessAccountingTests {
    @Test func storedAccountingCountsOwnWriteAtEstimate() throws {
        let clock = ManualClock()
        let kernel = FakeKernel(totalSteps: 30)
        kernel.clock = clock
        kernel.stepSeconds = { _ in 1 }
        let sink = MemorySink()
        sink.clock = clock
        sink.writeSeconds = { index in index == 0 ? 2 : 3 }
        let harness = Harness(kernel: kernel, sink: sink, budgets: [], schedule: CheckpointSchedule(everySteps: 10),
                              clock: clock, progressInterval: .infinity, coresPerRank: 4)

        _ = try harness.run()

        #expect(sink.snapshots.map(\.step) == [10, 20, 30])
        let second = sink.snapshots[1].accounting
        // Measured 2 s for the first write, estimated 2 s for the second.
        #expect(second.checkpointSeconds == 4)
        #expect(second.checkpointCount == 2)
        #expect(second.lastCheckpointSeconds == 2)
        #expect(second.elapsedSeconds == 20 + 2 + 2)
        #expect(second.coreSeconds == 4 * 24)
        #expect(second.segmentHistory.count == 1)
        #expect(second.segmentHistory[0].lastTrigger == .periodic)
        #expect(second.segmentHistory[0].lostSteps == nil)
        #expect(second.segmentHistory[0].cores == 4)

        let final = sink.snapshots[2].accounting
        #expect(final.checkpointSeconds == 2 + 3 + 3)
        #expect(final.segmentHistory[0].lastTrigger == .final)
        #expect(final.segmentHistory[0].lostSteps == 0)
        #expect(final.segmentHistory[0].computeSeconds == 30)
        #expect(final.segmentHistory[0].endStep == 30)

        // The live accounting has the measured write instead.
        #expect(harness.accounting.checkpointSeconds == 2 + 3 + 3)
        #expect(harness.accounting.lastCheckpointSeconds == 3)
        #expect(harness.accounting.elapsedSeconds == 30 + 8)
    }

    @Test func resumeCountsInterruptionAfterPeriodicCheckpoint() throws {
        let sink = MemorySink()
        let first = FakeKernel(totalSteps: 50)
        first.failAfterSteps = 15
        let firstHarness = Harness(kernel: first, sink: sink, budgets: [], schedule: CheckpointSchedule(everySteps: 10),
                                   progressInterval: .infinity)
        #expect(throws: HarnessError.self) { try firstHarness.run() }
        #expect(sink.snapshots.map(\.step) == [10])

        let resumed = FakeKernel(totalSteps: 50)
        try resumed.restoreState(sink.snapshots[0].state)
        let harness = Harness(kernel: resumed, sink: sink, budgets: [], accounting: sink.snapshots[0].accounting,
                              committedTraceRows: sink.committedRows, progressInterval: .infinity)
        _ = try harness.run()

        let accounting = harness.accounting
        #expect(accounting.segments == 2)
        #expect(accounting.interruptions == 1)
        #expect(accounting.segmentHistory.count == 2)
        #expect(accounting.segmentHistory[1].startStep == 10)
        #expect(accounting.segmentHistory[1].lastTrigger == .final)
    }

    @Test func restartInSameProcessContinuesRecord() throws {
        let sink = MemorySink()
        let kernel = FakeKernel(totalSteps: 40)
        _ = try Harness(kernel: kernel, sink: sink, budgets: [StepBudget(maxSteps: 10)], progressInterval: .infinity).run()
        var accounting = sink.snapshots[0].accounting
        accounting.segments -= 1
        let harness = Harness(kernel: kernel, sink: sink, budgets: [StepBudget(maxSteps: 10)], accounting: accounting,
                              committedTraceRows: sink.committedRows, progressInterval: .infinity)
        _ = try harness.run()
        #expect(harness.accounting.segments == 1)
        #expect(harness.accounting.segmentHistory.count == 1)
        #expect(harness.accounting.segmentHistory[0].checkpoints == 2)
        #expect(harness.accounting.segmentHistory[0].startStep == 0)
        #expect(harness.accounting.segmentHistory[0].endStep == 20)
    }

    @Test func resumeSeedsPolicyWithStoredCheckpointCost() throws {
        let kernel = FakeKernel(totalSteps: 40)
        _ = try Harness(kernel: kernel, sink: MemorySink(), budgets: [StepBudget(maxSteps: 10)], progressInterval: .infinity).run()
        var accounting = RunAccounting(segments: 1, computeSeconds: 4, checkpointSeconds: 7, elapsedSeconds: 12)
        accounting.lastCheckpointSeconds = 7
        accounting.lastCheckpointBytes = 123_456

        let policy = RecordingPolicy()
        _ = try Harness(kernel: kernel, sink: MemorySink(), budgets: [StepBudget(maxSteps: 1)], policy: policy,
                        accounting: accounting, progressInterval: .infinity).run()
        #expect(policy.checkpointsBeforeFirstDecision == 1)
        #expect(policy.checkpoints.first?.seconds == 7)
        #expect(policy.checkpoints.first?.bytes == 123_456)
    }

    @Test func freshRunDoesNotSeedPolicy() throws {
        let policy = RecordingPolicy()
        _ = try Harness(kernel: FakeKernel(totalSteps: 5), sink: MemorySink(), budgets: [], policy: policy,
                        progressInterval: .infinity).run()
        #expect(policy.checkpointsBeforeFirstDecision == 0)
    }
}

@Suite struct RunEfficiencyTests {
    /// Three segments: the first stopped cleanly, the second was killed
    /// 100 s after its last checkpoint, losing 50 steps, the third runs.
    static func chain() -> RunAccounting {
        let segments = [
            SegmentRecord(startEpochSeconds: 1000, endEpochSeconds: 2000, startStep: 0, endStep: 500,
                          computeSeconds: 900, checkpointSeconds: 60, checkpoints: 3, cores: 8, lastTrigger: .stop),
            SegmentRecord(startEpochSeconds: 2600, endEpochSeconds: 3400, startStep: 500, endStep: 900,
                          computeSeconds: 850, checkpointSeconds: 40, checkpoints: 2, cores: 8, lastTrigger: .periodic,
                          lostSteps: 50, lostSeconds: 100),
            SegmentRecord(startEpochSeconds: 4000, endEpochSeconds: 4500, startStep: 900, endStep: 1300,
                          computeSeconds: 480, checkpointSeconds: 20, checkpoints: 1, cores: 8, lastTrigger: .stop),
        ]
        return RunAccounting(segments: 3, computeSeconds: 2230, checkpointSeconds: 120, elapsedSeconds: 2300,
                             coreSeconds: 8 * 2300, checkpointCount: 6, interruptions: 1, segmentHistory: segments)
    }

    @Test func segmentFigures() {
        let efficiency = RunEfficiency(accounting: Self.chain())
        #expect(efficiency.segments.map(\.allocatedSeconds) == [1000, 900, 500])
        #expect(efficiency.segments.map(\.queueGapSeconds) == [nil, 600, 500])
        #expect(efficiency.segments.map(\.wasInterrupted) == [false, true, false])
        #expect(efficiency.segments.map(\.lostSteps) == [0, 50, 0])
    }

    @Test func chainFigures() {
        let efficiency = RunEfficiency(accounting: Self.chain())
        #expect(efficiency.allocatedSeconds == 2400)
        #expect(efficiency.lostSeconds == 100)
        #expect(efficiency.lostSteps == 50)
        #expect(efficiency.usefulComputeSeconds == 2130)
        #expect(efficiency.queueGapSeconds == 1100)
        #expect(efficiency.segmentsWithUnknownLoss == 0)
        #expect(efficiency.meanCheckpointSeconds == 20)
        #expect(efficiency.usefulFraction == 2130.0 / 2400)
    }

    @Test func mtbiFromHistoryOrGiven() {
        let fromHistory = RunEfficiency(accounting: Self.chain())
        #expect(fromHistory.mtbiSource == .history)
        #expect(fromHistory.mtbiSeconds == 2400)
        #expect(fromHistory.dalyIntervalSeconds == DalyInterval.optimalSeconds(checkpointSeconds: 20, mtbiSeconds: 2400))

        let given = RunEfficiency(accounting: Self.chain(), mtbiSeconds: 86_400)
        #expect(given.mtbiSource == .given)
        #expect(given.dalyIntervalSeconds == DalyInterval.optimalSeconds(checkpointSeconds: 20, mtbiSeconds: 86_400))
    }

    @Test func unknownLossIsCounted() {
        var accounting = Self.chain()
        accounting.segmentHistory[1].lostSteps = nil
        accounting.segmentHistory[1].lostSeconds = nil
        let efficiency = RunEfficiency(accounting: accounting)
        #expect(efficiency.segmentsWithUnknownLoss == 1)
        #expect(efficiency.lostSeconds == 0)
        #expect(efficiency.segments[2].queueGapSeconds == 600)
    }

    @Test func noInterruptionLeavesMTBIUnknown() {
        var accounting = Self.chain()
        accounting.interruptions = 0
        let efficiency = RunEfficiency(accounting: accounting)
        #expect(efficiency.mtbiSeconds == nil)
        #expect(efficiency.dalyIntervalSeconds == nil)
    }
}
