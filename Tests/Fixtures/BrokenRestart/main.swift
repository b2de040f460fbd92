import PerpetualCLI
import PerpetualCore

/// A kernel whose restore sets element 2 of its array to zero instead of
/// the stored value, so that `verify` must report `values` at index 2.
/// Used by SimrunTests only.
final class ForgetfulKernel: Kernel {
    private(set) var completedSteps = 0
    private var values = [Double](repeating: 0, count: 4)

    var kernelName: String { "forgetful" }
    var totalSteps: Int { 20 }
    var traceSchema: TraceSchema { .empty }

    func advanceStep() throws -> [Double]? {
        completedSteps += 1
        for index in values.indices { values[index] += Double((index + 1) * completedSteps) }
        return nil
    }

    func captureState() -> KernelState {
        var state = KernelState()
        state["step"] = .int64(Int64(completedSteps))
        state["values"] = .array(StateArray(float64: values))
        return state
    }

    func restoreState(_ state: KernelState) throws {
        completedSteps = Int(try state.int64("step"))
        var restored = try state.float64Array("values", count: 4)
        restored[2] = 0
        values = restored
    }
}

PerpetualCommandLine.main(kernels: [
    KernelEntry(name: "forgetful", summary: "restores all but one element", options: [],
                make: { _ in ForgetfulKernel() }),
])
