import PerpetualCore
import PerpetualHDF5

/// Writes the consolidated trace file from whole rows (see ``TraceFile`` for the layout).
struct TraceFileWriter {
    var schema: TraceSchema
    var producer: String

    /// Writes `rows` (`rowCount * schema.rowLength` values, row-major) to a
    /// new file at `path` and closes it.
    func write(rows: [Double], rowCount: Int, to path: String) throws {
        precondition(rows.count == rowCount * schema.rowLength, "trace has \(rows.count) values, \(rowCount) rows need \(rowCount * schema.rowLength)")
        let file = try HDF5File.create(path: path)
        try file.setAttribute("format", string: CheckpointFormat.traceName)
        try file.setAttribute("format_version", value: CheckpointFormat.version)
        try file.setAttribute("producer", string: producer)
        try file.setAttribute("row_dimension", string: schema.rowDimension)
        try file.setAttribute("row_count", value: Int64(rowCount))
        try file.setAttribute("trace_schema", string: TraceSchemaJSON.encode(schema))
        try file.setAttribute("created", string: CheckpointWriter.timestamp())

        var offset = 0
        for variable in schema.variables {
            let values = Self.extract(variable, offset: offset, rows: rows, rowCount: rowCount, rowLength: schema.rowLength)
            let name = "\(variable.group)/\(variable.name)"
            try file.writeChecksummed(name, values: values, shape: TraceFile.storedShape(of: variable, rowCount: rowCount))
            try file.openDataset(name).setAttribute(
                "dimensions", strings: TraceFile.storedDimensions(of: variable, rowDimension: schema.rowDimension))
            offset += variable.valuesPerRow
        }
        try TraceNetCDFDimensions.attach(in: file, schema: schema, rowCount: rowCount)
        try file.close()
    }

    /// Gathers one variable's values from whole rows. Row `r` holds the
    /// variable at `offset..<offset + valuesPerRow`. For a `chain`-first
    /// variable of shape `[chains, rest…]` the output index of
    /// `(chain c, row r, k)` is `(c * rowCount + r) * restCount + k`.
    static func extract(_ variable: TraceSchema.Variable, offset: Int, rows: [Double], rowCount: Int, rowLength: Int) -> [Double] {
        let width = variable.valuesPerRow
        var output = [Double]()
        output.reserveCapacity(width * rowCount)
        guard TraceFile.isChainFirst(variable), width > 0 else {
            for row in 0..<rowCount {
                let start = row * rowLength + offset
                output.append(contentsOf: rows[start..<(start + width)])
            }
            return output
        }
        let chains = variable.shape[0]
        let restCount = width / chains
        for chain in 0..<chains {
            for row in 0..<rowCount {
                let start = row * rowLength + offset + chain * restCount
                output.append(contentsOf: rows[start..<(start + restCount)])
            }
        }
        return output
    }
}
