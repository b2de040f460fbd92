import PerpetualCore
import PerpetualHDF5

/// Writing datasets together with their ``CheckpointFormat/checksumAttribute``,
/// and reading them back only when the checksum matches.
extension HDF5Location {
    func writeChecksummed<Element: HDF5Numeric>(_ name: String, values: [Element], shape: [Int]) throws {
        let dataset = try createDataset(name, values: values, shape: shape)
        try dataset.setAttribute(CheckpointFormat.checksumAttribute, value: XXH64.hash(of: values))
    }

    func writeChecksummed<Element: HDF5Numeric>(_ name: String, scalar: Element) throws {
        let dataset = try createScalarDataset(name, value: scalar)
        try dataset.setAttribute(CheckpointFormat.checksumAttribute, value: XXH64.hash(of: [scalar]))
    }

    func writeChecksummed(_ name: String, string: String) throws {
        let dataset = try createStringDataset(name, value: string)
        try dataset.setAttribute(CheckpointFormat.checksumAttribute, value: XXH64.hash(utf8: string))
    }

    /// Writes one kernel state value: arrays keep their shape, scalars become
    /// scalar datasets and strings scalar string datasets.
    func writeChecksummed(_ name: String, state value: StateValue) throws {
        switch value {
        case .array(let array):
            switch array.elements {
            case .float64(let values): try writeChecksummed(name, values: values, shape: array.shape)
            case .int64(let values): try writeChecksummed(name, values: values, shape: array.shape)
            case .uint32(let values): try writeChecksummed(name, values: values, shape: array.shape)
            case .uint64(let values): try writeChecksummed(name, values: values, shape: array.shape)
            }
        case .float64(let scalar): try writeChecksummed(name, scalar: scalar)
        case .int64(let scalar): try writeChecksummed(name, scalar: scalar)
        case .string(let text): try writeChecksummed(name, string: text)
        }
    }
}

/// Reads datasets of one file and checks each checksum, turning every
/// failure into a ``CheckpointError`` that names the file and the dataset.
struct VerifiedReader {
    let location: any HDF5Location
    let path: String
    /// Rank and rank count that partitioned arrays are read for: each read
    /// returns the ``BlockPartition`` share of that rank.
    var rank = 0
    var size = 1
    /// Receives the row hashes of each partitioned share for a collective
    /// check when `size > 1`; with one rank the reader checks them itself.
    var rowHashes: RowHashCollector?

    func dataset(_ name: String) throws -> HDF5Dataset {
        guard try location.contains(name) else {
            throw CheckpointError(.corrupt, path: path, detail: "the dataset '\(name)' is missing")
        }
        return try location.openDataset(name)
    }

    func values<Element: HDF5Numeric>(_ name: String, as type: Element.Type) throws -> (values: [Element], shape: [Int]) {
        do {
            let dataset = try dataset(name)
            try requireStoredInFull(dataset, name: name, bytesPerElement: MemoryLayout<Element>.stride)
            let values = try dataset.read(type)
            try verify(dataset, name: name, checksum: XXH64.hash(of: values))
            return (values, try dataset.shape())
        } catch {
            throw CheckpointError.reading(error, path: path, what: "the dataset '\(name)'")
        }
    }

    func scalar<Element: HDF5Numeric>(_ name: String, as type: Element.Type) throws -> Element {
        let (values, shape) = try values(name, as: type)
        guard shape.isEmpty, values.count == 1 else {
            throw CheckpointError(.corrupt, path: path, detail: "the dataset '\(name)' has shape \(shape), expected a scalar")
        }
        return values[0]
    }

    func string(_ name: String) throws -> String {
        do {
            let dataset = try dataset(name)
            let text = try dataset.readString()
            try verify(dataset, name: name, checksum: XXH64.hash(utf8: text))
            return text
        } catch {
            throw CheckpointError.reading(error, path: path, what: "the dataset '\(name)'")
        }
    }

    /// Reads one kernel state value, telling scalars from arrays by the
    /// dataspace and partitioned arrays by their row checksum attribute.
    func stateValue(_ name: String) throws -> StateValue {
        let (kind, isScalar, isPartitioned): (HDF5ElementType, Bool, Bool)
        do {
            let dataset = try dataset(name)
            (kind, isScalar) = (try dataset.elementType(), try dataset.isScalar())
            isPartitioned = try dataset.hasAttribute(CheckpointFormat.rowChecksumAttribute)
        } catch {
            throw CheckpointError.reading(error, path: path, what: "the dataset '\(name)'")
        }
        if isPartitioned {
            return try partitionedArray(name, kind: kind)
        }
        switch (kind, isScalar) {
        case (.string, true): return .string(try string(name))
        case (.float64, true): return .float64(try scalar(name, as: Double.self))
        case (.int64, true): return .int64(try scalar(name, as: Int64.self))
        case (.float64, false): return try array(name, Double.self) { .float64($0) }
        case (.int64, false): return try array(name, Int64.self) { .int64($0) }
        case (.uint32, false): return try array(name, UInt32.self) { .uint32($0) }
        case (.uint64, false): return try array(name, UInt64.self) { .uint64($0) }
        default:
            throw CheckpointError(.corrupt, path: path,
                                  detail: "the dataset '\(name)' holds \(isScalar ? "a scalar" : "an array") of \(kind), which no kernel state value uses")
        }
    }

    private func array<Element: HDF5Numeric>(_ name: String, _ type: Element.Type,
                                             _ wrap: ([Element]) -> StateArray.Elements) throws -> StateValue {
        let (values, shape) = try values(name, as: type)
        return .array(StateArray(wrap(values), shape: shape))
    }

    /// Reads this rank's share of a partitioned array and checks its rows,
    /// or hands their hashes to ``rowHashes`` for a collective check.
    private func partitionedArray(_ name: String, kind: HDF5ElementType) throws -> StateValue {
        do {
            let dataset = try dataset(name)
            let shape = try dataset.shape()
            guard !shape.isEmpty else {
                throw CheckpointError(.corrupt, path: path, detail: "the partitioned dataset '\(name)' is a scalar")
            }
            try requireStoredInFull(dataset, name: name, bytesPerElement: kind == .uint32 ? 4 : 8)
            let rows = BlockPartition.range(count: shape[0], rank: rank, size: size)
            guard let array = try StateArray.readShare(of: dataset, type: kind, rows: rows) else {
                throw CheckpointError(.corrupt, path: path, detail: "the partitioned dataset '\(name)' contains \(kind), which no kernel state array uses")
            }
            let stored = try dataset.attribute(CheckpointFormat.rowChecksumAttribute, as: UInt64.self)
            if let rowHashes {
                rowHashes.add(name: name, storedChecksum: stored, share: RowHashShare(array))
            } else {
                try compare(stored: stored, computed: RowChecksum.combine(array.rowHashes), name: name,
                            attribute: CheckpointFormat.rowChecksumAttribute)
            }
            return .array(array)
        } catch {
            throw CheckpointError.reading(error, path: path, what: "the dataset '\(name)'")
        }
    }

    /// Rejects a dataset whose file storage is smaller than its dimensions
    /// need, before a buffer for them is allocated. Perpetual writes every
    /// numeric dataset in full and uncompressed, so a shortfall means the
    /// file was damaged or made by hand: a file of a few KB can declare
    /// 2^40 elements that HDF5 would read back as fill values.
    private func requireStoredInFull(_ dataset: HDF5Dataset, name: String, bytesPerElement: Int) throws {
        let shape = try dataset.shape()
        var needed = bytesPerElement
        for dimension in shape {
            let (product, overflow) = needed.multipliedReportingOverflow(by: dimension)
            guard !overflow else {
                throw CheckpointError(.corrupt, path: path, detail: "the dataset '\(name)' has shape \(shape), more elements than a 64-bit count can hold")
            }
            needed = product
        }
        let stored = try dataset.storageSize()
        guard stored >= needed else {
            throw CheckpointError(.corrupt, path: path,
                                  detail: "the dataset '\(name)' has shape \(shape), which needs \(needed) bytes, but the file stores only \(stored) bytes of it")
        }
    }

    private func verify(_ dataset: HDF5Dataset, name: String, checksum: UInt64) throws {
        guard try dataset.hasAttribute(CheckpointFormat.checksumAttribute) else {
            throw CheckpointError(.corrupt, path: path, detail: "the dataset '\(name)' has no \(CheckpointFormat.checksumAttribute) checksum attribute")
        }
        let stored = try dataset.attribute(CheckpointFormat.checksumAttribute, as: UInt64.self)
        try compare(stored: stored, computed: checksum, name: name, attribute: CheckpointFormat.checksumAttribute)
    }

    func compare(stored: UInt64, computed: UInt64, name: String, attribute: String) throws {
        try Self.compare(stored: stored, computed: computed, name: name, attribute: attribute, path: path)
    }

    /// Throws a ``CheckpointError/Code/corrupt`` error naming the dataset
    /// and both checksums unless they are equal.
    static func compare(stored: UInt64, computed: UInt64, name: String, attribute: String, path: String) throws {
        guard stored == computed else {
            throw CheckpointError(.corrupt, path: path,
                                  detail: "checksum mismatch in dataset '\(name)': stored \(attribute) \(hex(stored)), computed \(hex(computed))")
        }
    }

    private static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return "0x" + String(repeating: "0", count: 16 - digits.count) + digits
    }
}
