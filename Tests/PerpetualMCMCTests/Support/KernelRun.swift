import PerpetualCore
@testable import PerpetualMCMC

/// Trace rows and final state of a kernel run.
struct KernelRun {
    var rows: [[Double]]
    var schema: TraceSchema

    /// Runs `kernel` until it is complete, or for `steps` steps, and collects its rows.
    static func run(_ kernel: MCMCKernel, steps: Int? = nil) throws -> KernelRun {
        var rows: [[Double]] = []
        let target = steps.map { kernel.completedSteps + $0 } ?? kernel.totalSteps
        while kernel.completedSteps < target {
            if let row = try kernel.advanceStep() { rows.append(row) }
        }
        return KernelRun(rows: rows, schema: kernel.traceSchema)
    }

    /// Returns `draws[chain][row]` of element `element` of variable `name`.
    func draws(of name: String, element: Int = 0) -> [[Double]] {
        var offset = 0
        for variable in schema.variables {
            if variable.name == name {
                let chains = variable.shape[0]
                let perChain = variable.valuesPerRow / chains
                return (0..<chains).map { chain in
                    rows.map { $0[offset + chain * perChain + element] }
                }
            }
            offset += variable.valuesPerRow
        }
        preconditionFailure("no trace variable '\(name)' in the schema")
    }
}

/// Bit patterns of a row, so that comparisons distinguish -0.0 from 0.0 and match NaN payloads.
func bitPatterns(_ values: [Double]) -> [UInt64] {
    values.map(\.bitPattern)
}

/// Bit-level view of a kernel state: every float64 replaced by its bit pattern.
func bitPatterns(_ state: KernelState) -> [String] {
    state.entries.map { entry in
        switch entry.value {
        case .array(let array):
            switch array.elements {
            case .float64(let values): "\(entry.name) \(array.shape) \(bitPatterns(values))"
            default: "\(entry.name) \(array)"
            }
        case .float64(let value): "\(entry.name) \(value.bitPattern)"
        case .int64(let value): "\(entry.name) \(value)"
        case .string(let value): "\(entry.name) \(value)"
        }
    }
}
