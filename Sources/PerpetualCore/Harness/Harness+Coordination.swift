/// When the ranks of a multi-rank job check their budgets together.
struct CoordinationState {
    /// Completed steps at the next collective check.
    var nextStep = 0
    /// Maximum over all ranks of their recent longest step, in seconds, as
    /// agreed at the last check; 0 before the first.
    var stepSeconds = 0.0
}

/// The outcome of one collective check, the same on every rank.
struct CoordinatedDecision {
    var stop: StopReason?
    var periodicCheckpointDue: Bool
}

/// The collective loop of a multi-rank job.
///
/// At each coordination boundary every rank reads its own budgets and
/// reports, in one `allreduce` of four numbers (maximum): whether its kernel
/// failed, whether it must stop, whether a periodic checkpoint is due, and
/// its longest recent step. All ranks receive the same result and act on it:
/// a stop on any rank stops all of them at the same step, with the reason of
/// the lowest stopping rank, broadcast from it.
///
/// Boundaries lie about ``Harness/coordinationSeconds`` of work apart at the
/// agreed step time (at least 1 and at most ``maximumInterval`` steps), and
/// also at every step where the work completes, a step-based periodic
/// checkpoint is due, a budget's ``Budget/segmentStepLimit()`` is
/// reached, or the ``CompletionCheck`` is due, so those events happen at the
/// same step everywhere and as in a one-rank run. Because the
/// next check lies `k` steps ahead, each rank's stop decision looks ahead by
/// `k - 1` agreed step times on top of the one step the policy plans for.
///
/// A rank whose kernel step throws goes straight to the next check and
/// reports the failure there; since no other collective call can come
/// between two checks, its call matches the others' and every rank ends with
/// the same error instead of a hang.
extension Harness {
    /// Largest number of steps between two collective checks.
    static let maximumInterval = 10_000

    func runCoordinated() throws(HarnessError) -> HarnessOutcome {
        coordination.nextStep = kernel.completedSteps
        while true {
            let now = clock.now()
            if kernel.completedSteps == coordination.nextStep || kernel.isComplete {
                let decision = try coordinate(now: now)
                if kernel.isComplete {
                    switch try commitCheckpoint(.final) {
                    case .committed(let record): return .complete(record.receipt)
                    case .rejected(let reason): return .stoppedWithoutCheckpoint(reason)
                    }
                }
                if let outcome = try completeEarlyIfDone() {
                    return outcome
                }
                if decision.periodicCheckpointDue, case .rejected(let reason) = try commitCheckpoint(.periodic) {
                    return .stoppedWithoutCheckpoint(reason)
                }
                if let reason = decision.stop {
                    events(.stopRequested(reason))
                    return try stopOutcome(reason)
                }
            }

            reportProgressIfDue(now: now)
            do {
                try injectStepFaults()
                try advanceOneStep()
            } catch {
                try reportFailure(error)
            }
        }
    }

    /// Steps from `step` to the next collective check, at least 1 unless the work is complete.
    func coordinationInterval(from step: Int) -> Int {
        var interval = 1
        if coordination.stepSeconds > 0 {
            let steps = (coordinationSeconds / coordination.stepSeconds).rounded(.down)
            interval = Int(min(Double(Self.maximumInterval), max(1, steps)))
        }
        interval = min(interval, max(1, kernel.totalSteps - step))
        if let everySteps = schedule.everySteps {
            interval = min(interval, everySteps - step % everySteps)
        }
        for budget in budgets {
            if let limit = budget.segmentStepLimit(), segmentStartStep + limit > step {
                interval = min(interval, segmentStartStep + limit - step)
            }
        }
        if let due = completionCheck?.stepsUntilDue(), due >= 1 {
            interval = min(interval, due)
        }
        return interval
    }

    /// Runs one collective check at this boundary.
    private func coordinate(now: Double) throws(HarnessError) -> CoordinatedDecision {
        let step = kernel.completedSteps
        let interval = coordinationInterval(from: step)
        let lookahead = Double(interval - 1) * coordination.stepSeconds
        let local = kernel.isComplete ? nil : stopDecision(now: now, lookaheadSeconds: lookahead)
        let periodicDue = !kernel.isComplete && isPeriodicCheckpointDue(now: now)

        let size = communicator.size
        var values = [0, local == nil ? 0 : Double(size - communicator.rank), periodicDue ? 1 : 0, recentSteps.maximum()]
        try collective(step: step) { try communicator.allreduceMaximum(&values) }
        if values[0] > 0 {
            try raiseFailure(rank: size - Int(values[0]), ownError: nil)
        }

        coordination.stepSeconds = values[3]
        coordination.nextStep = step + interval
        var stop: StopReason?
        if values[1] > 0 {
            stop = try agreedStopReason(from: size - Int(values[1]), local: local)
        }
        return CoordinatedDecision(stop: stop, periodicCheckpointDue: values[2] > 0)
    }

    /// Reports this rank's kernel failure at the collective check the other
    /// ranks are heading for, then throws it.
    private func reportFailure(_ error: HarnessError) throws(HarnessError) {
        let size = communicator.size
        var values = [Double(size - communicator.rank), 0, 0, 0]
        try collective(step: kernel.completedSteps) { try communicator.allreduceMaximum(&values) }
        try raiseFailure(rank: size - Int(values[0]), ownError: error)
    }

    /// Broadcasts the failure of `rank` and throws it on every rank: that
    /// rank's own error there, a ``RemoteRankError`` elsewhere. Every rank's
    /// error carries the failing rank's step, so all ranks report the same
    /// step although the others stopped at their next collective check.
    private func raiseFailure(rank failedRank: Int, ownError: HarnessError?) throws(HarnessError) {
        // Payload: the completed steps at the failure, a newline, the message.
        var payload: [UInt8] = []
        if communicator.rank == failedRank, let ownError {
            payload = Array("\(ownError.step)\n\(ownError.underlying)".utf8)
        }
        var received: [UInt8] = []
        try collective(step: kernel.completedSteps) { received = try communicator.broadcast(payload, root: failedRank) }
        if communicator.rank == failedRank, let ownError {
            throw ownError
        }
        let text = String(decoding: received, as: UTF8.self)
        let parts = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
        let step = parts.first.flatMap { Int($0) } ?? kernel.completedSteps
        let message = parts.count == 2 ? String(parts[1]) : text
        let remote = RemoteRankError(rank: failedRank, message: message)
        throw HarnessError(.kernelStepFailed, step: step, totalSteps: kernel.totalSteps,
                           kernelName: kernel.kernelName, underlying: remote)
    }

    /// Returns the stop reason of `stopRank`, broadcast from it, on every rank.
    private func agreedStopReason(from stopRank: Int, local: (index: Int, trigger: StopTrigger)?) throws(HarnessError) -> StopReason {
        var payload: [UInt8] = []
        if communicator.rank == stopRank, let local {
            let reason = budgets[local.index].describeStop(readings[local.index])
            payload = StopMessage(readingIndex: local.index, trigger: local.trigger, text: reason).encoded()
        }
        var received: [UInt8] = []
        try collective(step: kernel.completedSteps) { received = try communicator.broadcast(payload, root: stopRank) }
        guard let message = StopMessage(decoding: received), readings.indices.contains(message.readingIndex) else {
            preconditionFailure("rank \(stopRank) broadcast a stop reason that does not decode; every rank must run the same budgets")
        }
        return StopReason(reading: readings[message.readingIndex], trigger: message.trigger, step: kernel.completedSteps,
                          message: "rank \(stopRank): \(message.text)")
    }

    /// Runs a collective call, turning its failure into a ``HarnessError``.
    private func collective(step: Int, _ body: () throws -> Void) throws(HarnessError) {
        do {
            try body()
        } catch {
            throw HarnessError(.coordinationFailed, step: step, totalSteps: kernel.totalSteps,
                               kernelName: kernel.kernelName, underlying: error)
        }
    }
}

/// A stop reason in the form one rank broadcasts to the others: the index
/// of the deciding budget, the trigger and the budget's sentence.
struct StopMessage {
    var readingIndex: Int
    var trigger: StopTrigger
    var text: String

    /// Layout: three little-endian float64 (index, trigger kind, trigger
    /// value), then the UTF-8 text.
    func encoded() -> [UInt8] {
        let (kind, value): (Double, Double) = switch trigger {
        case .demandedByBudget: (0, 0)
        case .thresholdReached(let threshold): (1, threshold)
        case .predictedOverrun(let seconds): (2, seconds)
        }
        var bytes: [UInt8] = []
        for number in [Double(readingIndex), kind, value] {
            withUnsafeBytes(of: number.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
        }
        return bytes + Array(text.utf8)
    }

    init(readingIndex: Int, trigger: StopTrigger, text: String) {
        self.readingIndex = readingIndex
        self.trigger = trigger
        self.text = text
    }

    init?(decoding bytes: [UInt8]) {
        guard bytes.count >= 24 else { return nil }
        let numbers = (0..<3).map { index in
            Double(bitPattern: bytes[(index * 8)..<(index * 8 + 8)].reversed().reduce(0) { $0 << 8 | UInt64($1) })
        }
        readingIndex = Int(numbers[0])
        switch numbers[1] {
        case 0: trigger = .demandedByBudget
        case 1: trigger = .thresholdReached(threshold: numbers[2])
        case 2: trigger = .predictedOverrun(secondsNeeded: numbers[2])
        default: return nil
        }
        text = String(decoding: bytes.dropFirst(24), as: UTF8.self)
    }
}
