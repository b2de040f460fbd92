/// Result of an attempt to write a checkpoint.
enum CommitResult {
    /// The sink committed it.
    case committed(CheckpointRecord)
    /// A ``CheckpointSpaceBudget`` rejected it; nothing was written.
    case rejected(StopReason)
}

extension Harness {
    /// Returns whether the schedule has a periodic checkpoint due at this
    /// boundary. None is due at the segment's first boundary, whose state is
    /// already the resumed checkpoint, nor twice at one step.
    func isPeriodicCheckpointDue(now: Double) -> Bool {
        let step = kernel.completedSteps
        guard step != segmentStartStep, lastCheckpoint?.step != step else { return false }
        return schedule.isDue(step: step, secondsSinceLastCheckpoint: now - lastCheckpointTime,
                              checkpointCostSeconds: checkpointCostEstimate())
    }

    /// Returns the outcome of a stop for `reason`: stopped with the
    /// checkpoint of the current state, or without one when it was rejected.
    func stopOutcome(_ reason: StopReason) throws(HarnessError) -> HarnessOutcome {
        switch try commitStopCheckpoint() {
        case .committed(let record): return .stopped(reason, record.receipt)
        case .rejected(let rejection): return .stoppedWithoutCheckpoint(rejection)
        }
    }

    /// Returns the checkpoint of the current state: the one just committed
    /// at this step if there is one, else a new commit.
    func commitStopCheckpoint() throws(HarnessError) -> CommitResult {
        if let lastCheckpoint, lastCheckpoint.step == kernel.completedSteps, pendingTrace.rowCount == 0 {
            return .committed(lastCheckpoint)
        }
        return try commitCheckpoint(.stop)
    }

    /// Captures the kernel state, commits it with the pending trace rows and
    /// updates the accounting, the policy and the pending trace. Asks every
    /// ``CheckpointSpaceBudget`` first and writes nothing when one rejects.
    @discardableResult
    func commitCheckpoint(_ trigger: CheckpointTrigger) throws(HarnessError) -> CommitResult {
        let begin = clock.now()
        if let rejection = try checkpointRejection(now: begin) {
            return .rejected(rejection)
        }

        let step = kernel.completedSteps
        let state = kernel.captureState()
        stateBytes = state.arrayByteCount
        let snapshot = Snapshot(kernelName: kernel.kernelName, step: step, totalSteps: kernel.totalSteps,
                                state: state, traceSchema: kernel.traceSchema,
                                pendingTrace: pendingTrace, accounting: accountingForSnapshot(at: begin, trigger: trigger))
        let receipt: CheckpointReceipt
        do {
            receipt = try sink.commit(snapshot)
        } catch {
            throw HarnessError(.checkpointCommitFailed, step: step, totalSteps: kernel.totalSteps,
                               kernelName: kernel.kernelName, underlying: error)
        }

        let end = clock.now()
        let seconds = end - begin
        recordCommit(at: end, step: step, trigger: trigger, seconds: seconds, bytes: receipt.bytes)
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
        return .committed(record)
    }

    /// Estimated bytes of a checkpoint of the current state: the state's
    /// array bytes at the last capture plus the pending trace values.
    var nextCheckpointBytes: Int {
        stateBytes + pendingTrace.values.count * MemoryLayout<Double>.size
    }
}
