extension Harness {
    /// Returns whether the schedule has a periodic checkpoint due at this
    /// boundary. None is due at the segment's first boundary, whose state is
    /// already the resumed checkpoint, nor twice at one step.
    func isPeriodicCheckpointDue(now: Double) -> Bool {
        let step = kernel.completedSteps
        guard step != segmentStartStep, lastCheckpoint?.step != step else { return false }
        return schedule.isDue(step: step, secondsSinceLastCheckpoint: now - lastCheckpointTime)
    }

    /// Returns the receipt of a checkpoint of the current state: the one
    /// just committed at this step if there is one, else a new commit.
    func commitStopCheckpoint() throws(HarnessError) -> CheckpointReceipt {
        if let lastCheckpoint, lastCheckpoint.step == kernel.completedSteps, pendingTrace.rowCount == 0 {
            return lastCheckpoint.receipt
        }
        return try commitCheckpoint(.stop).receipt
    }

    /// Captures the kernel state, commits it with the pending trace rows and
    /// updates the accounting, the policy and the pending trace.
    @discardableResult
    func commitCheckpoint(_ trigger: CheckpointTrigger) throws(HarnessError) -> CheckpointRecord {
        let begin = clock.now()
        let step = kernel.completedSteps
        let state = kernel.captureState()
        stateBytes = state.arrayByteCount
        accounting.elapsedSeconds = earlierAccounting.elapsedSeconds + (begin - segmentStartTime)

        let snapshot = Snapshot(kernelName: kernel.kernelName, step: step, totalSteps: kernel.totalSteps,
                                state: state, traceSchema: kernel.traceSchema,
                                pendingTrace: pendingTrace, accounting: accounting)
        let receipt: CheckpointReceipt
        do {
            receipt = try sink.commit(snapshot)
        } catch {
            throw HarnessError(.checkpointCommitFailed, step: step, totalSteps: kernel.totalSteps,
                               kernelName: kernel.kernelName, underlying: error)
        }

        let end = clock.now()
        let seconds = end - begin
        accounting.checkpointSeconds += seconds
        accounting.elapsedSeconds = earlierAccounting.elapsedSeconds + (end - segmentStartTime)
        policy.recordCheckpoint(seconds: seconds, bytes: receipt.bytes)

        // Keep the capacity the last block needed, so the next one grows
        // without reallocating.
        let committedValues = pendingTrace.values.count
        pendingTrace = TraceBlock(firstRow: pendingTrace.endRow, rowLength: pendingTrace.rowLength)
        pendingTrace.reserveCapacity(committedValues)

        let record = CheckpointRecord(step: step, trigger: trigger, receipt: receipt, seconds: seconds)
        lastCheckpoint = record
        lastCheckpointTime = end
        events(.checkpointCommitted(record))
        return record
    }
}
