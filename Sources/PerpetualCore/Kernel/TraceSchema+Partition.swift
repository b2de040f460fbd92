extension TraceSchema.Variable {
    /// Number of values this variable contributes to the row of rank `rank`
    /// of `size`: its share of the first axis for a partitioned variable, the
    /// whole value otherwise.
    public func valuesPerRow(rank: Int, size: Int) -> Int {
        guard isPartitioned else { return valuesPerRow }
        let rows = BlockPartition.range(count: shape[0], rank: rank, size: size).count
        return rows * shape.dropFirst().reduce(1, *)
    }
}

extension TraceSchema {
    /// Number of values in the trace rows of rank `rank` of `size`; equals
    /// ``rowLength`` for one rank.
    public func rowLength(rank: Int, size: Int) -> Int {
        variables.reduce(0) { $0 + $1.valuesPerRow(rank: rank, size: size) }
    }

    /// Assembles whole rows from the rows of every rank.
    ///
    /// `blocks[r]` holds `rowCount` rows of rank `r` (length
    /// ``rowLength(rank:size:)`` each). For each variable in schema order, a
    /// whole row takes the shares of all ranks in rank order for a
    /// partitioned variable, which restores global first-axis order under
    /// ``BlockPartition``, and rank 0's value for any other variable.
    /// Traps when a block has the wrong length.
    public func assembleRows(_ blocks: [[Double]], rowCount: Int) -> [Double] {
        let size = blocks.count
        let localLengths = (0..<size).map { rowLength(rank: $0, size: size) }
        for rank in 0..<size {
            precondition(blocks[rank].count == rowCount * localLengths[rank],
                         "trace block of rank \(rank) has \(blocks[rank].count) values, \(rowCount) rows need \(rowCount * localLengths[rank])")
        }

        var rows: [Double] = []
        rows.reserveCapacity(rowCount * rowLength)
        var offsets = [Int](repeating: 0, count: size)
        for row in 0..<rowCount {
            for rank in 0..<size { offsets[rank] = row * localLengths[rank] }
            for variable in variables {
                for rank in 0..<size {
                    let width = variable.valuesPerRow(rank: rank, size: size)
                    if variable.isPartitioned || rank == 0 {
                        rows.append(contentsOf: blocks[rank][offsets[rank]..<(offsets[rank] + width)])
                    }
                    offsets[rank] += width
                }
            }
        }
        return rows
    }
}
