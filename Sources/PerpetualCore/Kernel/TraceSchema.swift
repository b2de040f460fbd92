/// Describes the rows a kernel appends to its trace: MCMC draws, thermodynamic
/// output, loss values.
///
/// Every row holds one value of each variable, in schema order, flattened
/// row-major into one `[Double]`. The trace grows by whole rows only and is
/// stored outside the checkpoint so that a checkpoint never rewrites rows that
/// an earlier generation already committed.
public struct TraceSchema: Sendable, Equatable {
    /// One traced quantity.
    public struct Variable: Sendable, Equatable {
        /// Name, unique within its group, for example `mu` or `theta`.
        public var name: String
        /// Group the variable belongs to, for example `posterior` or `sample_stats`.
        public var group: String
        /// Shape of one row's value, for example `[4]` for one value per chain
        /// or `[4, 8]` for an 8-vector per chain. `[]` is a scalar.
        public var shape: [Int]
        /// Name of each dimension in `shape`, for example `["chain", "school"]`.
        public var dimensions: [String]

        /// Whether the first axis is distributed over the ranks of a job by
        /// ``BlockPartition``: each rank's trace rows then hold only its
        /// share of that axis, and the checkpoint layer assembles whole rows.
        /// Files store whole rows either way.
        public var isPartitioned: Bool

        /// Traps when `shape` and `dimensions` differ in length, or when a
        /// partitioned variable has no first axis.
        public init(name: String, group: String, shape: [Int], dimensions: [String], isPartitioned: Bool = false) {
            precondition(shape.count == dimensions.count, "trace variable '\(name)' has shape \(shape) but dimension names \(dimensions)")
            precondition(!isPartitioned || !shape.isEmpty, "trace variable '\(name)' is partitioned but has no first axis to partition")
            self.name = name
            self.group = group
            self.shape = shape
            self.dimensions = dimensions
            self.isPartitioned = isPartitioned
        }

        /// Number of values this variable contributes to each row.
        public var valuesPerRow: Int { shape.reduce(1, *) }
    }

    public var variables: [Variable]
    /// Name of the axis along which rows accumulate, for example `draw` for
    /// MCMC or `step` for thermodynamic output.
    public var rowDimension: String

    public init(_ variables: [Variable], rowDimension: String = "draw") {
        self.variables = variables
        self.rowDimension = rowDimension
    }

    /// A schema with no variables, for kernels that keep no trace.
    public static let empty = TraceSchema([])

    /// Number of `Double` values in one row.
    public var rowLength: Int { variables.reduce(0) { $0 + $1.valuesPerRow } }
}

/// Trace rows produced since the last checkpoint, kept in memory by the
/// harness until a checkpoint commits them.
public struct TraceBlock: Sendable, Equatable {
    /// Index of the first row in the whole trace (rows already committed before it).
    public var firstRow: Int
    /// Row-major values: `rowCount * schema.rowLength` doubles.
    public private(set) var values: [Double]
    public var rowLength: Int
    /// Rows in this block. It is counted rather than derived from the values
    /// because a rank whose share of every variable is empty appends rows of
    /// length 0, and must still count them like the other ranks.
    public private(set) var rowCount: Int

    public init(firstRow: Int, rowLength: Int, values: [Double] = []) {
        precondition(rowLength == 0 ? values.isEmpty : values.count % rowLength == 0,
                     "TraceBlock values (\(values.count)) are not a whole number of rows of \(rowLength)")
        self.firstRow = firstRow
        self.rowLength = rowLength
        self.values = values
        self.rowCount = rowLength == 0 ? 0 : values.count / rowLength
    }

    /// Reserves space for `count` values, so that appending rows up to that
    /// size does not reallocate.
    public mutating func reserveCapacity(_ count: Int) {
        values.reserveCapacity(count)
    }

    /// Index one past the last row in this block.
    public var endRow: Int { firstRow + rowCount }

    /// Appends one row. Traps when the row has the wrong length, because that
    /// is a programming error in the kernel.
    public mutating func append(row: [Double]) {
        precondition(row.count == rowLength, "trace row has \(row.count) values, the schema needs \(rowLength)")
        values.append(contentsOf: row)
        rowCount += 1
    }
}
