import PerpetualCore

/// An error a fake kernel or sink throws on request.
struct InjectedFailure: Error, Equatable {
    var label: String
}

/// A small deterministic kernel: each step draws a normal deviate from a
/// ``CounterRNG`` stream addressed by the step index and adds it to a
/// running sum.
///
/// Every third step adds no trace row, like MCMC warm-up, so that row and
/// step counts differ. It can advance a ``ManualClock`` by a simulated step
/// time, throw at a chosen step, and run a hook inside a step (to raise a
/// signal mid-run).
final class FakeKernel: Kernel {
    let kernelName = "fake"
    let totalSteps: Int
    let seed: UInt64
    private(set) var completedSteps = 0
    private var sum = 0.0
    /// Last four draws, to checkpoint an array as well as scalars.
    private var recentDraws = [Double](repeating: 0, count: 4)

    var clock: ManualClock?
    /// Simulated seconds of the step that starts after `completedSteps` steps.
    var stepSeconds: (Int) -> Double = { _ in 0 }
    /// Throw instead of taking the step that starts after this many steps.
    var failAfterSteps: Int?
    /// Runs at the end of each step with the new step count.
    var onStep: ((Int) -> Void)?

    var traceSchema: TraceSchema {
        TraceSchema([
            TraceSchema.Variable(name: "sum", group: "posterior", shape: [], dimensions: []),
            TraceSchema.Variable(name: "recent", group: "posterior", shape: [2], dimensions: ["lag"]),
        ])
    }

    init(totalSteps: Int, seed: UInt64 = 42) {
        self.totalSteps = totalSteps
        self.seed = seed
    }

    func advanceStep() throws -> [Double]? {
        if failAfterSteps == completedSteps {
            throw InjectedFailure(label: "step \(completedSteps + 1)")
        }
        clock?.advance(by: stepSeconds(completedSteps))

        var generator = CounterRNG(seed: seed, stream: 0, step: UInt64(completedSteps))
        let draw = generator.nextNormal()
        sum += draw
        recentDraws.removeFirst()
        recentDraws.append(draw)
        completedSteps += 1
        onStep?(completedSteps)

        return completedSteps % 3 == 0 ? nil : [sum, recentDraws[3], recentDraws[2]]
    }

    func captureState() -> KernelState {
        var state = KernelState()
        state["step"] = .int64(Int64(completedSteps))
        state["sum"] = .float64(sum)
        state["recent"] = .array(StateArray(float64: recentDraws))
        return state
    }

    func restoreState(_ state: KernelState) throws {
        completedSteps = Int(try state.int64("step"))
        sum = try state.float64("sum")
        recentDraws = try state.float64Array("recent", count: 4)
    }
}
