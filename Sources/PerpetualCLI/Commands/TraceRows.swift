import Foundation
import PerpetualCheckpoint
import PerpetualCore

/// The trace rows a job has committed, row-major as the kernel returned
/// them from `advanceStep()`, for `verify` to compare two runs.
struct TraceRows {
    var schema: TraceSchema
    var rowCount: Int
    /// `rowCount * schema.rowLength` values, one row after the other.
    var values: [Double]

    /// Reads the rows of the job checkpointed at `checkpointPath`: from its
    /// consolidated `<stem>.trace.h5` when the job is complete, otherwise
    /// from the trace segments that its newest valid generation committed.
    /// - Throws: ``CheckpointError`` when the trace cannot be read.
    static func read(checkpointPath: String) throws -> TraceRows {
        let tracePath = StoredFileKind.tracePath(forCheckpoint: checkpointPath)
        guard FileManager.default.fileExists(atPath: tracePath) else {
            let committed = try CommittedTrace.read(checkpointPath: checkpointPath)
            return TraceRows(schema: committed.schema, rowCount: committed.rowCount, values: committed.rows)
        }
        return TraceRows(try TraceFile.read(path: tracePath))
    }

    /// Reassembles rows from a consolidated trace. A variable whose first
    /// dimension is `chain` is stored as `[chain, rows, rest…]`, so each
    /// row takes its value of every chain from another block.
    init(_ file: TraceFile) {
        schema = file.schema
        rowCount = file.rowCount
        let stored = schema.variables.map { file.values(of: $0.name, group: $0.group) }
        values = []
        values.reserveCapacity(rowCount * schema.rowLength)
        for row in 0..<rowCount {
            for (variable, variableValues) in zip(schema.variables, stored) {
                let perRow = variable.valuesPerRow
                guard variable.dimensions.first == "chain", perRow > 0 else {
                    values += variableValues[(row * perRow)..<((row + 1) * perRow)]
                    continue
                }
                let chains = variable.shape[0]
                let perChain = perRow / chains
                for chain in 0..<chains {
                    let start = (chain * rowCount + row) * perChain
                    values += variableValues[start..<(start + perChain)]
                }
            }
        }
    }

    init(schema: TraceSchema, rowCount: Int, values: [Double]) {
        self.schema = schema
        self.rowCount = rowCount
        self.values = values
    }

    /// Returns the first difference of `self` from `expected`, or `nil` when
    /// both have the same schema, the same row count and bit-identical
    /// values (so `-0.0` differs from `0.0`, and a NaN equals a NaN with the
    /// same bits).
    func firstDifference(from expected: TraceRows) -> String? {
        guard schema == expected.schema else {
            return "the trace schema: \(schema.variables.map(\.name)) versus \(expected.schema.variables.map(\.name))"
        }
        guard rowCount == expected.rowCount else {
            return "the number of trace rows: \(rowCount) versus \(expected.rowCount)"
        }
        guard let index = values.indices.first(where: { values[$0].bitPattern != expected.values[$0].bitPattern }) else {
            return nil
        }

        // Find the variable that contains the differing value within its row.
        let rowLength = schema.rowLength
        let row = index / rowLength
        var offset = index % rowLength
        for variable in schema.variables {
            if offset < variable.valuesPerRow {
                let element = variable.shape.isEmpty ? "" : " element \(offset)"
                return "trace variable '\(variable.group)/\(variable.name)'\(element) at row \(row): \(values[index]) versus \(expected.values[index])"
            }
            offset -= variable.valuesPerRow
        }
        preconditionFailure("trace value \(index) lies outside the schema's row of \(rowLength) values")
    }
}
