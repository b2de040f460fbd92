import PerpetualCore

/// A kernel whose step costs a few dozen flops: three iterations of the
/// logistic map `x ← r x (1 − x)` on four lanes (36 flops), so that the
/// harness's own cost per step dominates its timing.
///
/// With `emitsTrace` every step returns a row of two values, which
/// allocates one small array per step.
final class TinyKernel: Kernel {
    /// Growth rate of the logistic map, in its chaotic range.
    static let rate = SIMD4<Double>(repeating: 3.9)
    static let start = SIMD4<Double>(0.11, 0.23, 0.37, 0.41)

    let kernelName = "tiny"
    let totalSteps: Int
    let traceSchema: TraceSchema
    private(set) var completedSteps = 0
    private(set) var values = TinyKernel.start
    private let emitsTrace: Bool

    init(totalSteps: Int, emitsTrace: Bool) {
        self.totalSteps = totalSteps
        self.emitsTrace = emitsTrace
        traceSchema = emitsTrace
            ? TraceSchema([TraceSchema.Variable(name: "x", group: "posterior", shape: [2], dimensions: ["lane"])], rowDimension: "step")
            : .empty
    }

    func advanceStep() -> [Double]? {
        var x = values
        for _ in 0..<3 {
            x = Self.rate * x * (1 - x)
        }
        values = x
        completedSteps += 1
        return emitsTrace ? [x[0], x[1]] : nil
    }

    func captureState() -> KernelState {
        var state = KernelState()
        state["step"] = .int64(Int64(completedSteps))
        state["values"] = .array(StateArray(float64: [values[0], values[1], values[2], values[3]]))
        return state
    }

    func restoreState(_ state: KernelState) throws {
        let step = try state.int64("step")
        guard (0...Int64(totalSteps)).contains(step) else {
            throw KernelStateError(.invalidValue, entry: "step", detail: "expected 0 to \(totalSteps), got \(step)")
        }
        let restored = try state.float64Array("values", count: 4)
        values = SIMD4(restored[0], restored[1], restored[2], restored[3])
        completedSteps = Int(step)
    }
}
