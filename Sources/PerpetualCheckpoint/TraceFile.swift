import Foundation
import PerpetualCore
import PerpetualHDF5

/// A consolidated trace file, `<stem>.trace.h5`, read into memory.
///
/// Layout: root attributes `format` (`perpetual-trace`), `format_version`,
/// `producer`, `row_dimension`, `row_count`, `trace_schema` (JSON) and
/// `created`; one group per schema group (`posterior`, `sample_stats`, …)
/// with one float64 dataset per variable. A variable whose first dimension
/// is named `chain` is stored as `[chain, rows, rest…]`, the layout ArviZ
/// reads; any other as `[rows, shape…]`. Each dataset has a `dimensions`
/// attribute (the dimension names in storage order) and an `xxh64` checksum.
public struct TraceFile: Sendable {
    public var schema: TraceSchema
    public var rowCount: Int
    private var storage: [String: (shape: [Int], values: [Double])]

    /// Reads and verifies a consolidated trace file.
    /// - Throws: ``CheckpointError`` `.notFound`, `.corrupt` (unreadable,
    ///   foreign, a checksum mismatch, a wrong shape) or `.unsupportedFormat`.
    public static func read(path: String) throws -> TraceFile {
        guard FileSystem.exists(path) else {
            throw CheckpointError(.notFound, path: path, detail: "no trace file exists at this path", isInputError: true)
        }
        do {
            let file = try HDF5File.open(path: path, mode: .readOnly)
            let format = try file.stringAttribute("format")
            guard format == CheckpointFormat.traceName else {
                throw CheckpointError(.corrupt, path: path, detail: "the format is '\(format)', expected '\(CheckpointFormat.traceName)'")
            }
            let version = try file.attribute("format_version", as: Int64.self)
            guard version <= CheckpointFormat.version else {
                throw CheckpointError(.unsupportedFormat, path: path,
                                      detail: "written in trace format version \(version), but this build reads only up to version \(CheckpointFormat.version)")
            }
            let schema = try TraceSchemaJSON.decode(try file.stringAttribute("trace_schema"), path: path)
            let rowCount = Int(try file.attribute("row_count", as: Int64.self))
            let reader = VerifiedReader(location: file, path: path)
            var storage: [String: (shape: [Int], values: [Double])] = [:]
            for variable in schema.variables {
                let stored = try reader.values("\(variable.group)/\(variable.name)", as: Double.self)
                let expected = storedShape(of: variable, rowCount: rowCount)
                guard stored.shape == expected else {
                    throw CheckpointError(.corrupt, path: path,
                                          detail: "trace variable '\(variable.group)/\(variable.name)' has shape \(stored.shape), expected \(expected)")
                }
                storage[key(variable.group, variable.name)] = (shape: stored.shape, values: stored.values)
            }
            return TraceFile(schema: schema, rowCount: rowCount, storage: storage)
        } catch {
            throw CheckpointError.reading(error, path: path, what: "the trace file")
        }
    }

    /// Values of a variable in the file's layout, row-major: `[chain, rows,
    /// rest…]` when its first dimension is `chain`, otherwise `[rows, shape…]`.
    /// `group` is needed only when two groups have a variable of that name.
    /// Traps for a variable that is not in the schema.
    public func values(of variable: String, group: String? = nil) -> [Double] {
        entry(variable, group).values
    }

    /// Stored shape of a variable, in the order ``values(of:group:)`` uses.
    public func shape(of variable: String, group: String? = nil) -> [Int] {
        entry(variable, group).shape
    }

    private func entry(_ variable: String, _ group: String?) -> (shape: [Int], values: [Double]) {
        let matches = schema.variables.filter { $0.name == variable && (group == nil || $0.group == group) }
        precondition(matches.count == 1, "trace variable '\(variable)' in group \(group ?? "any") matches \(matches.count) variables of the schema; pass the group")
        return storage[Self.key(matches[0].group, variable)]!
    }

    private static func key(_ group: String, _ name: String) -> String { "\(group)/\(name)" }

    /// Whether a variable is stored with its `chain` dimension in front of the rows.
    static func isChainFirst(_ variable: TraceSchema.Variable) -> Bool {
        variable.dimensions.first == "chain"
    }

    static func storedShape(of variable: TraceSchema.Variable, rowCount: Int) -> [Int] {
        isChainFirst(variable)
            ? [variable.shape[0], rowCount] + variable.shape.dropFirst()
            : [rowCount] + variable.shape
    }

    static func storedDimensions(of variable: TraceSchema.Variable, rowDimension: String) -> [String] {
        isChainFirst(variable)
            ? ["chain", rowDimension] + variable.dimensions.dropFirst()
            : [rowDimension] + variable.dimensions
    }
}
