import Testing
import PerpetualCore

/// A free-space reader that returns the value a test sets.
final class FreeSpaceStub: @unchecked Sendable {
    var freeBytes: Int?
    var reads = 0

    init(freeBytes: Int?) {
        self.freeBytes = freeBytes
    }

    func read(_ directory: String) throws(DiskSpaceError) -> Int {
        reads += 1
        guard let freeBytes else {
            throw DiskSpaceError(directory: directory, errno: 2, reason: "No such file or directory")
        }
        return freeBytes
    }
}

@Suite struct DiskBudgetTests {
    @Test func neededBytesUsesLargerSizeWithMargin() {
        let budget = DiskBudget(directory: "/ckpt", reserveBytes: 1000, marginFraction: 0.5, overheadBytes: 100,
                                availableBytes: FreeSpaceStub(freeBytes: 0).read)
        let fresh = BudgetBoundary(now: 0, segmentSteps: 0, nextCheckpointBytes: 2000, lastCheckpointBytes: nil)
        let resumed = BudgetBoundary(now: 0, segmentSteps: 0, nextCheckpointBytes: 2000, lastCheckpointBytes: 4000)
        #expect(budget.neededBytes(at: fresh) == 3000 + 100 + 1000)
        #expect(budget.neededBytes(at: resumed) == 6000 + 100 + 1000)
    }

    @Test func readingDemandsStopWhenCheckpointWouldNotFit() {
        let stub = FreeSpaceStub(freeBytes: 10_000)
        let budget = DiskBudget(directory: "/ckpt", marginFraction: 0, overheadBytes: 0, sampleInterval: 0, availableBytes: stub.read)
        let boundary = BudgetBoundary(now: 1, segmentSteps: 3, nextCheckpointBytes: 9_000)

        let fits = budget.reading(at: boundary)
        #expect(!fits.demandsImmediateStop)
        #expect(fits.used == 9_000)
        #expect(fits.limit == 10_000)
        #expect(fits.unit == .bytes)

        stub.freeBytes = 8_999
        let full = budget.reading(at: boundary)
        #expect(full.demandsImmediateStop)
        #expect(budget.describeStop(full) == "not enough disk space for the next checkpoint in /ckpt: 8.8 KiB (8999 bytes) free, 8.8 KiB (9000 bytes) needed")
    }

    @Test func readingSamplesAtInterval() {
        let stub = FreeSpaceStub(freeBytes: 10_000)
        let budget = DiskBudget(directory: "/ckpt", sampleInterval: 5, availableBytes: stub.read)
        _ = budget.reading(at: BudgetBoundary(now: 0, segmentSteps: 0))
        _ = budget.reading(at: BudgetBoundary(now: 4.9, segmentSteps: 1))
        #expect(stub.reads == 1)
        _ = budget.reading(at: BudgetBoundary(now: 5, segmentSteps: 2))
        #expect(stub.reads == 2)
    }

    @Test func admissionReadsAfreshAndRejects() {
        let stub = FreeSpaceStub(freeBytes: 1_000_000)
        let budget = DiskBudget(directory: "/ckpt", reserveBytes: 500, marginFraction: 0, overheadBytes: 0,
                                sampleInterval: 100, availableBytes: stub.read)
        let boundary = BudgetBoundary(now: 1, segmentSteps: 0, nextCheckpointBytes: 1000)
        _ = budget.reading(at: boundary)
        stub.freeBytes = 1499
        guard case .rejected(let reading, let message) = budget.admitCheckpoint(at: boundary) else {
            Issue.record("expected a rejection with 1499 bytes free and 1500 needed")
            return
        }
        #expect(reading.used == 1500)
        #expect(message.contains("1499 bytes) free"))
        #expect(message.contains("1500 bytes) needed"))
        #expect(message.contains("--disk-reserve"))
        stub.freeBytes = 1500
        #expect(budget.admitCheckpoint(at: boundary) == .admitted)
    }

    @Test func failedReadDoesNotStop() {
        let budget = DiskBudget(directory: "/gone", sampleInterval: 0, availableBytes: FreeSpaceStub(freeBytes: nil).read)
        let boundary = BudgetBoundary(now: 0, segmentSteps: 0, nextCheckpointBytes: 1 << 30)
        #expect(!budget.reading(at: boundary).demandsImmediateStop)
        #expect(budget.admitCheckpoint(at: boundary) == .admitted)
        #expect(budget.lastError?.errno == 2)
    }

    @Test func statvfsReadsTemporaryDirectory() throws {
        let free = try DiskSpace.availableBytes(in: "/tmp")
        #expect(free > 0)
        #expect(throws: DiskSpaceError.self) { try DiskSpace.availableBytes(in: "/nonexistent-perpetual-directory") }
    }
}

@Suite struct CoreHoursBudgetTests {
    @Test func readingConvertsRemainingCoreHoursToSeconds() {
        // 10 core-hours, 4 used before, 8 cores: 6 core-hours buy 2700 s.
        let budget = CoreHoursBudget(limitCoreHours: 10, earlierCoreHours: 4, cores: 8, start: 100)
        let reading = budget.reading(at: BudgetBoundary(now: 1000, segmentSteps: 5))
        #expect(reading.name == "core-hours")
        #expect(reading.unit == .seconds)
        #expect(reading.limit == 2700)
        #expect(reading.used == 900)
        #expect(reading.secondsLeft == 1800)
        #expect(!reading.demandsImmediateStop)
        #expect(budget.usedCoreHours(at: 1000) == 6)
    }

    @Test func exhaustedAtStartDemandsStop() {
        let budget = CoreHoursBudget(limitCoreHours: 10, earlierCoreHours: 10.5, cores: 2, start: 0)
        let reading = budget.reading(at: BudgetBoundary(now: 0, segmentSteps: 0))
        #expect(reading.demandsImmediateStop)
        #expect(reading.limit > 0)
        #expect(budget.describeStop(reading) == "core-hours budget of the chain nearly used: 10.50 of 10.00 core-hours at 2 cores (10.50 before this segment)")
    }

    @Test func predictivePolicyStopsBeforeExhaustion() {
        let budget = CoreHoursBudget(limitCoreHours: 1, earlierCoreHours: 0, cores: 1, start: 0)
        let policy = PredictivePolicy()
        policy.recordStep(seconds: 10)
        policy.recordCheckpoint(seconds: 5, bytes: 100)
        let early = budget.reading(at: BudgetBoundary(now: 3000, segmentSteps: 1))
        let late = budget.reading(at: BudgetBoundary(now: 3570, segmentSteps: 2))
        #expect(policy.decide([early], nextCheckpointBytes: 100) == .proceed)
        guard case .stop(0, .predictedOverrun) = policy.decide([late], nextCheckpointBytes: 100) else {
            Issue.record("expected a predicted overrun with 30 s left for a 10 s step and a 5 s write")
            return
        }
    }
}

@Suite struct CustomBudgetTests {
    @Test func stopsAtThresholdAndSamples() {
        var usage = 0.2
        var calls = 0
        let budget = CustomBudget(name: "licence tokens", threshold: 0.9, sampleInterval: 10) {
            calls += 1
            return usage
        }
        let first = budget.reading(at: BudgetBoundary(now: 0, segmentSteps: 0))
        #expect(first.name == "licence tokens")
        #expect(first.unit == .fraction)
        #expect(first.used == 0.2)
        #expect(!first.demandsImmediateStop)

        usage = 0.95
        #expect(!budget.reading(at: BudgetBoundary(now: 9, segmentSteps: 1)).demandsImmediateStop)
        #expect(calls == 1)
        let due = budget.reading(at: BudgetBoundary(now: 10, segmentSteps: 2))
        #expect(calls == 2)
        #expect(due.demandsImmediateStop)
        #expect(budget.describeStop(due) == "budget 'licence tokens' used: 95 % of its limit (threshold 90 %)")
    }

    @Test func negativeUsageCountsAsZero() {
        let budget = CustomBudget(name: "quota") { -0.5 }
        #expect(budget.reading(at: BudgetBoundary(now: 0, segmentSteps: 0)).used == 0)
    }

    @Test func stopsHarnessWithCheckpoint() throws {
        let kernel = FakeKernel(totalSteps: 100)
        let sink = MemorySink()
        let budget = CustomBudget(name: "quota", sampleInterval: 0) { Double(kernel.completedSteps) / 40 }
        let outcome = try Harness(kernel: kernel, sink: sink, budgets: [budget], progressInterval: .infinity).run()
        guard case .stopped(let reason, _) = outcome else {
            Issue.record("expected a stop, got \(outcome)")
            return
        }
        #expect(reason.reading.name == "quota")
        #expect(kernel.completedSteps == 40)
        #expect(sink.snapshots.map(\.step) == [40])
    }

    @Test func stepBudgetHasSameShape() {
        let budget: any Budget = StepBudget(maxSteps: 3)
        let reading = budget.reading(at: BudgetBoundary(now: 0, segmentSteps: 3, nextCheckpointBytes: 10))
        #expect(reading.demandsImmediateStop)
        #expect(budget.segmentStepLimit() == 3)
        #expect(!(budget is any CheckpointSpaceBudget))
    }
}
