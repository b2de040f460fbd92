import PerpetualCore
import PerpetualHDF5

/// The HDF5 operations on a partitioned state array, dispatched on its
/// element type.
extension StateArray {
    /// XXH64 of each row held here (see ``RowChecksum``).
    var rowHashes: [UInt64] {
        switch elements {
        case .float64(let values): RowChecksum.rowHashes(of: values, rowCount: shape[0])
        case .int64(let values): RowChecksum.rowHashes(of: values, rowCount: shape[0])
        case .uint32(let values): RowChecksum.rowHashes(of: values, rowCount: shape[0])
        case .uint64(let values): RowChecksum.rowHashes(of: values, rowCount: shape[0])
        }
    }

    /// Creates the dataset of the whole array with its storage allocated
    /// and nothing written.
    func createGlobalDataset(_ name: String, in location: any HDF5Location) throws -> HDF5Dataset {
        switch elements {
        case .float64: try location.createPreallocatedDataset(name, of: Double.self, shape: globalShape)
        case .int64: try location.createPreallocatedDataset(name, of: Int64.self, shape: globalShape)
        case .uint32: try location.createPreallocatedDataset(name, of: UInt32.self, shape: globalShape)
        case .uint64: try location.createPreallocatedDataset(name, of: UInt64.self, shape: globalShape)
        }
    }

    /// Writes the rows held here at their global rows; collective in a file
    /// opened with the MPI-IO driver.
    func writeRows(to dataset: HDF5Dataset) throws {
        let first = globalRowRange.lowerBound
        let count = shape[0]
        switch elements {
        case .float64(let values): try dataset.writeRows(values, firstRow: first, rowCount: count)
        case .int64(let values): try dataset.writeRows(values, firstRow: first, rowCount: count)
        case .uint32(let values): try dataset.writeRows(values, firstRow: first, rowCount: count)
        case .uint64(let values): try dataset.writeRows(values, firstRow: first, rowCount: count)
        }
    }

    /// Reads `rows` of a stored partitioned array as this rank's share.
    static func readShare(of dataset: HDF5Dataset, type: HDF5ElementType, rows: Range<Int>) throws -> StateArray? {
        let shape = try dataset.shape()
        guard !shape.isEmpty else { return nil }
        let localShape = [rows.count] + shape.dropFirst()
        let partition = Partition(globalRows: shape[0], offset: rows.lowerBound)
        let elements: Elements
        switch type {
        case .float64: elements = .float64(try dataset.readRows(Double.self, firstRow: rows.lowerBound, rowCount: rows.count))
        case .int64: elements = .int64(try dataset.readRows(Int64.self, firstRow: rows.lowerBound, rowCount: rows.count))
        case .uint32: elements = .uint32(try dataset.readRows(UInt32.self, firstRow: rows.lowerBound, rowCount: rows.count))
        case .uint64: elements = .uint64(try dataset.readRows(UInt64.self, firstRow: rows.lowerBound, rowCount: rows.count))
        default: return nil
        }
        return StateArray(elements, shape: localShape, partition: partition)
    }
}
