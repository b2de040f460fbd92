/// The check of every ``CheckpointSpaceBudget`` before each write.
///
/// With more than one rank the checkpoint is one file in one directory, so
/// rank 0 alone checks its budgets and broadcasts the verdict. Every rank
/// then writes, or stops without writing, at the same step.
extension Harness {
    /// Returns the stop reason when a space budget rejects a checkpoint of
    /// the current state, or `nil` when the checkpoint may be written.
    func checkpointRejection(now: Double) throws(HarnessError) -> StopReason? {
        let spaceBudgets = budgets.indices.filter { budgets[$0] is any CheckpointSpaceBudget }
        guard !spaceBudgets.isEmpty else { return nil }

        let boundary = BudgetBoundary(now: now, segmentSteps: kernel.completedSteps - segmentStartStep,
                                      nextCheckpointBytes: nextCheckpointBytes,
                                      lastCheckpointBytes: accounting.lastCheckpointBytes)
        var local: (index: Int, reading: BudgetReading, message: String)?
        if communicator.isRoot {
            for index in spaceBudgets {
                guard let budget = budgets[index] as? any CheckpointSpaceBudget else { continue }
                if case .rejected(let reading, let message) = budget.admitCheckpoint(at: boundary) {
                    local = (index, reading, message)
                    break
                }
            }
        }
        guard communicator.size > 1 else {
            return local.map { StopReason(reading: $0.reading, trigger: .demandedByBudget, step: kernel.completedSteps, message: $0.message) }
        }
        return try agreedRejection(local)
    }

    /// Broadcasts rank 0's verdict and returns it on every rank.
    private func agreedRejection(_ local: (index: Int, reading: BudgetReading, message: String)?) throws(HarnessError) -> StopReason? {
        var payload: [UInt8] = []
        if let local {
            payload = StopMessage(readingIndex: local.index, trigger: .demandedByBudget, text: local.message).encoded()
        }
        var received: [UInt8] = []
        do {
            received = try communicator.broadcast(payload, root: 0)
        } catch {
            throw HarnessError(.coordinationFailed, step: kernel.completedSteps, totalSteps: kernel.totalSteps,
                               kernelName: kernel.kernelName, underlying: error)
        }
        guard !received.isEmpty else { return nil }
        guard let message = StopMessage(decoding: received), budgets.indices.contains(message.readingIndex) else {
            preconditionFailure("rank 0 broadcast a checkpoint rejection that does not decode; every rank must run the same budgets")
        }
        let reading = local?.reading ?? readings[message.readingIndex]
        return StopReason(reading: reading, trigger: .demandedByBudget, step: kernel.completedSteps,
                          message: "rank 0: \(message.text)")
    }
}
