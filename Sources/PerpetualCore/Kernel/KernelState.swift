/// A typed array in a kernel's checkpointed state, stored row-major.
///
/// The shape's product must equal the element count. A shape of `[]` is not
/// allowed for arrays: use ``StateValue/float64(_:)`` and the other scalar
/// cases instead.
public struct StateArray: Sendable, Equatable {
    /// Element storage. Each case maps to one HDF5 native type.
    public enum Elements: Sendable, Equatable {
        case float64([Double])
        case int64([Int64])
        case uint32([UInt32])
        case uint64([UInt64])
    }

    /// This rank's share of an array whose first axis is distributed over
    /// the ranks of a job, such as one row per chain.
    public struct Partition: Sendable, Equatable {
        /// Length of the first axis of the whole array, over all ranks.
        public var globalRows: Int
        /// Global index of this rank's first row.
        public var offset: Int

        public init(globalRows: Int, offset: Int) {
            self.globalRows = globalRows
            self.offset = offset
        }
    }

    public var elements: Elements
    /// Shape of the elements held here: this rank's rows for a partitioned array.
    public var shape: [Int]
    /// Where this rank's rows sit in the global array, or `nil` for an array
    /// that every rank holds whole (replicated).
    ///
    /// The checkpoint layer stores a partitioned array as one dataset of
    /// ``globalShape`` by global row index, and a reader gets back its own
    /// share for whatever rank count it runs on. A kernel marks an array as
    /// partitioned whatever its rank count, one rank included, so that the
    /// files of runs on different rank counts are identical.
    public var partition: Partition?

    /// Creates an array and traps when `shape` does not match the element count,
    /// because a mismatch is a programming error in the kernel.
    public init(_ elements: Elements, shape: [Int]) {
        let count = shape.reduce(1, *)
        precondition(!shape.isEmpty, "StateArray needs at least one dimension; use a scalar StateValue instead")
        precondition(count == elements.count, "StateArray shape \(shape) holds \(count) elements, but \(elements.count) were given")
        self.elements = elements
        self.shape = shape
    }

    /// Creates this rank's share of a partitioned array: `shape[0]` rows
    /// starting at global row `partition.offset`. Traps when the rows do not
    /// fit into `partition.globalRows`.
    public init(_ elements: Elements, shape: [Int], partition: Partition) {
        self.init(elements, shape: shape)
        precondition(partition.offset >= 0 && partition.offset + shape[0] <= partition.globalRows,
                     "StateArray rows \(partition.offset)..<\(partition.offset + shape[0]) do not fit into \(partition.globalRows) global rows")
        self.partition = partition
    }

    /// Shape of the whole array over all ranks.
    public var globalShape: [Int] {
        guard let partition else { return shape }
        return [partition.globalRows] + shape.dropFirst()
    }

    /// Global indices of the rows held here.
    public var globalRowRange: Range<Int> {
        let offset = partition?.offset ?? 0
        return offset..<(offset + shape[0])
    }

    public init(float64 values: [Double], shape: [Int]? = nil) {
        self.init(.float64(values), shape: shape ?? [values.count])
    }

    public init(int64 values: [Int64], shape: [Int]? = nil) {
        self.init(.int64(values), shape: shape ?? [values.count])
    }

    public init(uint32 values: [UInt32], shape: [Int]? = nil) {
        self.init(.uint32(values), shape: shape ?? [values.count])
    }

    public init(uint64 values: [UInt64], shape: [Int]? = nil) {
        self.init(.uint64(values), shape: shape ?? [values.count])
    }
}

extension StateArray.Elements {
    public var count: Int {
        switch self {
        case .float64(let values): values.count
        case .int64(let values): values.count
        case .uint32(let values): values.count
        case .uint64(let values): values.count
        }
    }

    /// Element type name as written in checkpoints and error messages.
    public var typeName: String {
        switch self {
        case .float64: "float64"
        case .int64: "int64"
        case .uint32: "uint32"
        case .uint64: "uint64"
        }
    }

    /// Size of the raw data in bytes.
    public var byteCount: Int {
        switch self {
        case .float64(let values): values.count * MemoryLayout<Double>.size
        case .int64(let values): values.count * MemoryLayout<Int64>.size
        case .uint32(let values): values.count * MemoryLayout<UInt32>.size
        case .uint64(let values): values.count * MemoryLayout<UInt64>.size
        }
    }
}

/// One named entry of a kernel's checkpointed state.
public enum StateValue: Sendable, Equatable {
    case array(StateArray)
    case float64(Double)
    case int64(Int64)
    case string(String)
}

/// Everything a kernel needs to continue bit-identically after a restart.
///
/// Entries keep their insertion order. A name may contain `/` to group
/// entries, for example `chain/position`; the checkpoint writer turns each
/// prefix into an HDF5 group. Names are unique.
public struct KernelState: Sendable, Equatable {
    public private(set) var entries: [(name: String, value: StateValue)] = []
    /// Optional standard-layout view of the entries in the checkpoint file;
    /// not read back on restore and not compared by `==`.
    public var layout = StateLayout()

    public init() {}

    /// Inserts or replaces the entry called `name`.
    public subscript(name: String) -> StateValue? {
        get { entries.first { $0.name == name }?.value }
        set {
            if let index = entries.firstIndex(where: { $0.name == name }) {
                if let newValue { entries[index].value = newValue } else { entries.remove(at: index) }
            } else if let newValue {
                entries.append((name, newValue))
            }
        }
    }

    public var names: [String] { entries.map(\.name) }

    /// Total size of all array data in bytes, used to predict checkpoint time.
    public var arrayByteCount: Int {
        entries.reduce(0) { total, entry in
            if case .array(let array) = entry.value { total + array.elements.byteCount } else { total }
        }
    }

    public static func == (lhs: KernelState, rhs: KernelState) -> Bool {
        lhs.entries.count == rhs.entries.count
            && zip(lhs.entries, rhs.entries).allSatisfy { $0.name == $1.name && $0.value == $1.value }
    }
}
