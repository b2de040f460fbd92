import Foundation
import PerpetualCore

/// JSON form of a ``TraceSchema`` as stored in checkpoints and trace files:
/// `{"row_dimension": "draw", "variables": [{"name", "group", "shape", "dimensions"}]}`.
struct TraceSchemaJSON: Codable, Equatable {
    struct Variable: Codable, Equatable {
        var name: String
        var group: String
        var shape: [Int]
        var dimensions: [String]
    }

    var rowDimension: String
    var variables: [Variable]

    enum CodingKeys: String, CodingKey {
        case rowDimension = "row_dimension"
        case variables
    }

    init(_ schema: TraceSchema) {
        rowDimension = schema.rowDimension
        variables = schema.variables.map {
            Variable(name: $0.name, group: $0.group, shape: $0.shape, dimensions: $0.dimensions)
        }
    }

    /// Encodes a schema with sorted keys, so equal schemas give equal text.
    static func encode(_ schema: TraceSchema) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        // Encoding plain strings, integers and arrays cannot fail.
        let data = try! encoder.encode(TraceSchemaJSON(schema))
        return String(decoding: data, as: UTF8.self)
    }

    /// Decodes a stored schema.
    /// - Throws: ``CheckpointError/Code/corrupt`` naming `path` when the text
    ///   is not a valid schema.
    static func decode(_ text: String, path: String) throws -> TraceSchema {
        let stored: TraceSchemaJSON
        do {
            stored = try JSONDecoder().decode(TraceSchemaJSON.self, from: Data(text.utf8))
        } catch {
            throw CheckpointError(.corrupt, path: path, detail: "the stored trace schema is not valid JSON of a schema: \(error)")
        }
        for variable in stored.variables where variable.shape.count != variable.dimensions.count || variable.shape.contains(where: { $0 < 0 }) {
            throw CheckpointError(.corrupt, path: path,
                                  detail: "trace variable '\(variable.name)' has shape \(variable.shape) and dimensions \(variable.dimensions)")
        }
        // Readers multiply the dimensions of a variable, so a product that
        // overflows would trap there.
        for variable in stored.variables {
            var count = 1
            for dimension in variable.shape {
                let (product, overflow) = count.multipliedReportingOverflow(by: dimension)
                guard !overflow else {
                    throw CheckpointError(.corrupt, path: path,
                                          detail: "trace variable '\(variable.name)' has shape \(variable.shape), more values per row than a 64-bit count can hold")
                }
                count = product
            }
        }
        let variables = stored.variables.map {
            TraceSchema.Variable(name: $0.name, group: $0.group, shape: $0.shape, dimensions: $0.dimensions)
        }
        return TraceSchema(variables, rowDimension: stored.rowDimension)
    }
}
