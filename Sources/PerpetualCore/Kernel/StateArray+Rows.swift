extension StateArray {
    /// Returns the global rows `rows` of this array as a partitioned share.
    /// Traps unless this array contains all of them.
    public func rows(_ rows: Range<Int>) -> StateArray {
        let held = globalRowRange
        precondition(held.lowerBound <= rows.lowerBound && rows.upperBound <= held.upperBound,
                     "StateArray holds rows \(held), rows \(rows) were requested")
        let width = shape.dropFirst().reduce(1, *)
        let start = (rows.lowerBound - held.lowerBound) * width
        let end = start + rows.count * width
        let sliced: Elements = switch elements {
        case .float64(let values): .float64(Array(values[start..<end]))
        case .int64(let values): .int64(Array(values[start..<end]))
        case .uint32(let values): .uint32(Array(values[start..<end]))
        case .uint64(let values): .uint64(Array(values[start..<end]))
        }
        let partition = Partition(globalRows: globalShape[0], offset: rows.lowerBound)
        return StateArray(sliced, shape: [rows.count] + shape.dropFirst(), partition: partition)
    }
}
