extension Harness {
    /// Reads every budget into ``readings`` and passes them to the policy. Returns the
    /// reason to stop, or `nil` to take another step.
    func stopReason(now: Double) -> StopReason? {
        guard let (index, trigger) = stopDecision(now: now) else { return nil }
        let reading = readings[index]
        return StopReason(reading: reading, trigger: trigger, step: kernel.completedSteps,
                          message: budgets[index].describeStop(reading))
    }

    /// Reads every budget into ``readings`` and returns the policy's stop
    /// decision as the index of the deciding budget and the trigger, or `nil`.
    ///
    /// `lookaheadSeconds` is work that will run before the next decision
    /// beyond the one step the policy plans for: each time-like reading is
    /// moved forward by it, so the policy stops early enough.
    func stopDecision(now: Double, lookaheadSeconds: Double = 0) -> (index: Int, trigger: StopTrigger)? {
        let step = kernel.completedSteps
        let boundary = BudgetBoundary(now: now, segmentSteps: step - segmentStartStep,
                                      nextCheckpointBytes: nextCheckpointBytes,
                                      lastCheckpointBytes: accounting.lastCheckpointBytes)
        for index in budgets.indices {
            readings[index] = budgets[index].reading(at: boundary)
            if lookaheadSeconds > 0, let secondsLeft = readings[index].secondsLeft {
                readings[index].secondsLeft = secondsLeft - lookaheadSeconds
                readings[index].used += lookaheadSeconds
            }
        }

        switch policy.decide(readings, nextCheckpointBytes: nextCheckpointBytes) {
        case .proceed:
            return nil
        case .stop(let index, let trigger):
            precondition(readings.indices.contains(index), "StopPolicy returned reading index \(index), but there are \(readings.count) budgets")
            return (index, trigger)
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
