/// The checksum of a partitioned state array, which each rank can compute
/// over its own rows and which does not depend on how rows are shared out.
///
/// Each row along the first axis is hashed on its own with XXH64 (seed 0)
/// of its little-endian bytes; the checksum is XXH64 of those row hashes,
/// each as 8 little-endian bytes, in global row order. A writer or reader
/// on P ranks hashes its own rows and gathers the 8-byte row hashes, never
/// the data. In Python: `xxh64(b"".join(xxh64(row.tobytes()).intdigest()
/// .to_bytes(8, "little") for row in ds[()])).intdigest()`.
enum RowChecksum {
    /// XXH64 of each of the `rowCount` rows of `values`.
    static func rowHashes<Element>(of values: [Element], rowCount: Int) -> [UInt64] {
        guard rowCount > 0 else { return [] }
        let stride = values.count / rowCount * MemoryLayout<Element>.stride
        return values.withUnsafeBytes { bytes in
            (0..<rowCount).map { row in
                XXH64.hash(UnsafeRawBufferPointer(rebasing: bytes[(row * stride)..<((row + 1) * stride)]))
            }
        }
    }

    /// Combines the row hashes of all rows, in global row order.
    static func combine(_ rowHashes: [UInt64]) -> UInt64 {
        XXH64.hash(of: rowHashes.map(\.littleEndian))
    }
}
