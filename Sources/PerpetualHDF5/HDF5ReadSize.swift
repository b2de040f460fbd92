import CHDF5
import Foundation

/// Size checks that run before a read allocates its buffer.
///
/// A file can declare any dimensions: HDF5 allocates no storage for a
/// dataset that was never written, so a file of 2 KB may describe 2^40
/// doubles. Without these checks, the product of such dimensions traps on
/// integer overflow, and the buffer for it exhausts memory.
enum HDF5ReadSize {
    /// Returns the number of elements of `shape`, `1` for a scalar.
    /// - Throws: ``HDF5Error`` naming `object` when the count overflows
    ///   `Int`, or when `count × bytesPerElement` exceeds the physical memory
    ///   of this host, so that no buffer for it could ever be allocated.
    static func elementCount(shape: [Int], bytesPerElement: Int, operation: String, object: String) throws -> Int {
        var count = 1
        for dimension in shape {
            let (product, overflow) = count.multipliedReportingOverflow(by: dimension)
            guard !overflow, dimension >= 0 else {
                throw HDF5Error(operation: operation, object: object,
                                stack: ["the dimensions \(shape) hold more elements than a 64-bit count can hold"])
            }
            count = product
        }
        let (bytes, overflow) = count.multipliedReportingOverflow(by: max(bytesPerElement, 1))
        let memory = ProcessInfo.processInfo.physicalMemory
        guard !overflow, UInt64(bytes) <= memory else {
            let size = overflow ? "more than 2^63" : "\(bytes)"
            throw HDF5Error(operation: operation, object: object,
                            stack: ["the dimensions \(shape) need \(size) bytes to read, more than this host's \(memory) bytes of memory"])
        }
        return count
    }

    /// Converts HDF5 dimensions to `Int`.
    /// - Throws: ``HDF5Error`` naming `object` for a dimension above `Int.max`.
    static func dimensions(_ dimensions: [UInt64], object: String) throws -> [Int] {
        try dimensions.map { dimension in
            guard let value = Int(exactly: dimension) else {
                throw HDF5Error(operation: "H5Sget_simple_extent_dims", object: object,
                                stack: ["dimension \(dimension) of \(dimensions) exceeds the largest 64-bit signed count"])
            }
            return value
        }
    }
}

extension HDF5Dataset {
    /// Bytes of file storage allocated for the dataset's data
    /// (`H5Dget_storage_size`). A dataset that was never written has none,
    /// and reads give its fill value.
    ///
    /// HDF5 1.10 returns 0 both for no storage and on failure, so this
    /// cannot tell the two apart; either way no stored data can be read.
    package func storageSize() throws -> Int {
        let bytes = try withExtendedLifetime(self) {
            try HDF5Library.withLock { H5Dget_storage_size(id) }
        }
        return Int(clamping: bytes)
    }
}
