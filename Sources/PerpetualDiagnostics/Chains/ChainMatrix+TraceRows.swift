import PerpetualCore

extension ChainMatrix {
    /// Splits trace rows (row-major, ``TraceSchema/rowLength`` values each) into
    /// one matrix per scalar parameter of `group` whose first dimension is
    /// `chain`, named as ArviZ labels them (`theta[3]`). In a row, such a
    /// variable contains its values for chain 0, then chain 1, and so on.
    public static func parameters(fromRows rows: [Double], schema: TraceSchema, group: String = "posterior") -> [(name: String, matrix: ChainMatrix)] {
        let rowLength = schema.rowLength
        guard rowLength > 0 else { return [] }
        let rowCount = rows.count / rowLength
        var output: [(name: String, matrix: ChainMatrix)] = []
        var offset = 0
        for variable in schema.variables {
            defer { offset += variable.valuesPerRow }
            guard variable.group == group, variable.dimensions.first == "chain" else { continue }
            let chainCount = variable.shape[0]
            let rest = Array(variable.shape.dropFirst())
            let restCount = rest.reduce(1, *)
            for element in 0..<restCount {
                var values = [Double](repeating: 0, count: chainCount * rowCount)
                for chain in 0..<chainCount {
                    for row in 0..<rowCount {
                        values[chain * rowCount + row] = rows[row * rowLength + offset + chain * restCount + element]
                    }
                }
                let name = rest.isEmpty ? variable.name : "\(variable.name)[\(Self.label(element, shape: rest))]"
                output.append((name, ChainMatrix(chainCount: chainCount, drawCount: rowCount, values: values)))
            }
        }
        return output
    }

    /// `i, j, …` of flat index `flat` in row-major `shape`.
    static func label(_ flat: Int, shape: [Int]) -> String {
        var remainder = flat
        var index = [Int](repeating: 0, count: shape.count)
        for axis in shape.indices.reversed() {
            index[axis] = remainder % shape[axis]
            remainder /= shape[axis]
        }
        return index.map(String.init).joined(separator: ", ")
    }
}
