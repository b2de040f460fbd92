/// The run accounting of a segment: totals of the chain and this segment's
/// ``SegmentRecord``.
///
/// ``Harness/accounting`` contains measured values only. The copy stored in a
/// checkpoint is taken before that checkpoint's write, so it adds the write
/// at ``Harness/checkpointCostEstimate()`` to the checkpoint, elapsed and
/// core seconds and to the segment's end; the next checkpoint of the chain
/// stores the measured time instead.
extension Harness {
    /// Adds this segment's record to the history, or continues the last
    /// record when the caller restarts the harness within one process.
    /// Such a caller passes accounting whose ``RunAccounting/segments`` it
    /// lowered by one, so the history has one record more than that count.
    /// Counts an interruption when the previous segment's last checkpoint
    /// was a periodic one, because it then ended without a stop checkpoint.
    func startSegmentRecord(epoch: Double) {
        segmentStartEpoch = epoch
        let history = accounting.segmentHistory
        if history.count > earlierAccounting.segments, !history.isEmpty {
            segmentRecordIndex = history.count - 1
            return
        }
        if let previous = history.last, previous.lastTrigger == .periodic {
            accounting.interruptions += 1
        }
        let cores = communicator.size * coresPerRank
        let step = kernel.completedSteps
        accounting.segmentHistory.append(SegmentRecord(
            startEpochSeconds: epoch, endEpochSeconds: epoch, startStep: step, endStep: step, cores: cores))
        segmentRecordIndex = accounting.segmentHistory.count - 1
    }

    /// Returns the accounting to store in a checkpoint captured at `now`
    /// on the harness clock for `trigger`, counting its write at an estimate.
    func accountingForSnapshot(at now: Double, trigger: CheckpointTrigger) -> RunAccounting {
        updateTotals(at: now)
        var stored = accounting
        let estimate = checkpointCostEstimate()
        stored.checkpointSeconds += estimate
        stored.checkpointCount += 1
        stored.elapsedSeconds += estimate
        stored.coreSeconds += Double(communicator.size * coresPerRank) * estimate

        var record = stored.segmentHistory[segmentRecordIndex]
        record.endStep = kernel.completedSteps
        record.endEpochSeconds += estimate
        record.checkpointSeconds += estimate
        record.checkpoints += 1
        record.lastTrigger = trigger
        // A segment killed after a periodic checkpoint loses the steps after
        // it. The harness cannot count them, so the next segment fills them in.
        record.lostSteps = trigger == .periodic ? nil : 0
        record.lostSeconds = trigger == .periodic ? nil : 0
        stored.segmentHistory[segmentRecordIndex] = record
        return stored
    }

    /// Adds a committed checkpoint's measured write to the accounting.
    func recordCommit(at now: Double, step: Int, trigger: CheckpointTrigger, seconds: Double, bytes: Int) {
        accounting.checkpointSeconds += seconds
        accounting.checkpointCount += 1
        accounting.lastCheckpointSeconds = seconds
        accounting.lastCheckpointBytes = bytes
        accounting.segmentHistory[segmentRecordIndex].checkpointSeconds += seconds
        accounting.segmentHistory[segmentRecordIndex].checkpoints += 1
        accounting.segmentHistory[segmentRecordIndex].endStep = step
        accounting.segmentHistory[segmentRecordIndex].lastTrigger = trigger
        updateTotals(at: now)
    }

    /// Sets the elapsed and core seconds and this segment's record to `now`.
    private func updateTotals(at now: Double) {
        let segmentSeconds = now - segmentStartTime
        let cores = Double(communicator.size * coresPerRank)
        accounting.elapsedSeconds = earlierAccounting.elapsedSeconds + segmentSeconds
        accounting.coreSeconds = earlierAccounting.coreSeconds + cores * segmentSeconds

        let earlierRecord = segmentRecordIndex < earlierAccounting.segmentHistory.count
            ? earlierAccounting.segmentHistory[segmentRecordIndex] : nil
        accounting.segmentHistory[segmentRecordIndex].endEpochSeconds = segmentStartEpoch + segmentSeconds
        accounting.segmentHistory[segmentRecordIndex].computeSeconds =
            (earlierRecord?.computeSeconds ?? 0) + accounting.computeSeconds - earlierAccounting.computeSeconds
    }

    /// Returns the expected seconds of the next checkpoint write: the last
    /// measured one of the chain, or before any, the state's bytes at a
    /// deliberately low bandwidth plus a fixed latency, the estimate that
    /// ``PredictivePolicy`` uses before its first measurement.
    func checkpointCostEstimate() -> Double {
        if let measured = accounting.lastCheckpointSeconds {
            return measured
        }
        let defaults = PredictivePolicy.Configuration()
        return defaults.assumedWriteLatencySeconds + Double(nextCheckpointBytes) / defaults.assumedWriteBytesPerSecond
    }
}
