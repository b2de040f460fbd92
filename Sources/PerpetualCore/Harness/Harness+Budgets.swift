extension Harness {
    /// Reads every budget into ``readings`` and passes them to the policy. Returns the
    /// reason to stop, or `nil` to take another step.
    func stopReason(now: Double) -> StopReason? {
        let step = kernel.completedSteps
        let boundary = BudgetBoundary(now: now, segmentSteps: step - segmentStartStep)
        for index in budgets.indices {
            readings[index] = budgets[index].reading(at: boundary)
        }

        let checkpointBytes = stateBytes + pendingTrace.values.count * MemoryLayout<Double>.size
        switch policy.decide(readings, nextCheckpointBytes: checkpointBytes) {
        case .proceed:
            return nil
        case .stop(let index, let trigger):
            precondition(readings.indices.contains(index), "StopPolicy returned reading index \(index), but there are \(readings.count) budgets")
            let reading = readings[index]
            return StopReason(reading: reading, trigger: trigger, step: step,
                              message: budgets[index].describeStop(reading))
        }
    }

    /// Sends a progress event when `progressInterval` has passed since the
    /// last one, using the readings of this boundary.
    func reportProgressIfDue(now: Double) {
        let interval = now - lastProgressTime
        guard interval >= progressInterval else { return }

        let step = kernel.completedSteps
        let stepsPerSecond = interval > 0 ? Double(step - lastProgressStep) / interval : 0
        let remainingSteps = kernel.totalSteps - step
        let eta: Double? = stepsPerSecond > 0 ? Double(remainingSteps) / stepsPerSecond : nil
        let tightest = readings.min { $0.remainingFraction < $1.remainingFraction }

        events(.progress(HarnessProgress(step: step, totalSteps: kernel.totalSteps,
                                         stepsPerSecond: stepsPerSecond, etaSeconds: eta,
                                         segmentSeconds: now - segmentStartTime,
                                         tightestBudget: tightest, note: kernel.progressNote)))
        lastProgressTime = now
        lastProgressStep = step
    }
}
