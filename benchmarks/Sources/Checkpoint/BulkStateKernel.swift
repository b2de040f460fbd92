import PerpetualCore

/// A kernel whose state is a few large float64 fields of uniform random
/// values, standing in for a simulation's grids in the checkpoint benchmark.
///
/// Its one step changes nothing; only the state's size and content matter.
/// Random values keep a file system from compressing or deduplicating the
/// data.
final class BulkStateKernel: Kernel {
    let kernelName = "bulk-state"
    let totalSteps = 1
    let traceSchema = TraceSchema.empty
    private(set) var completedSteps = 0
    /// Fields stored as `fields/<index>` in the state.
    private(set) var fields: [[Double]]

    /// Fills `fieldCount` fields of `valuesPerField` values from
    /// `CounterRNG(seed: seed, stream: field, step: 0)`.
    init(fieldCount: Int, valuesPerField: Int, seed: UInt64) {
        precondition(fieldCount > 0 && valuesPerField > 0,
                     "BulkStateKernel needs positive sizes, got \(fieldCount) fields of \(valuesPerField) values")
        fields = (0..<fieldCount).map { field in
            var generator = CounterRNG(seed: seed, stream: UInt32(field), step: 0)
            return (0..<valuesPerField).map { _ in generator.nextUniform() }
        }
    }

    /// Size of all fields in bytes.
    var byteCount: Int {
        fields.reduce(0) { $0 + $1.count * MemoryLayout<Double>.size }
    }

    func advanceStep() -> [Double]? {
        completedSteps += 1
        return nil
    }

    /// Returns the step and the fields. The arrays share storage with the
    /// kernel (copy on write), so capturing copies nothing until either
    /// side changes a field.
    func captureState() -> KernelState {
        var state = KernelState()
        state["step"] = .int64(Int64(completedSteps))
        for (index, field) in fields.enumerated() {
            state["fields/\(index)"] = .array(StateArray(float64: field))
        }
        return state
    }

    func restoreState(_ state: KernelState) throws {
        let step = try state.int64("step")
        guard (0...Int64(totalSteps)).contains(step) else {
            throw KernelStateError(.invalidValue, entry: "step", detail: "expected 0 or 1, got \(step)")
        }
        var restored: [[Double]] = []
        for index in fields.indices {
            restored.append(try state.float64Array("fields/\(index)", count: fields[index].count))
        }
        fields = restored
        completedSteps = Int(step)
    }
}
