/// The 64-bit xxHash checksum (XXH64), in pure Swift.
///
/// Checkpoints store `XXH64(bytes, seed: 0)` of every dataset's raw data so a
/// reader can detect a changed byte. The tests check the results against
/// Python's `xxhash` package 4.1.0 (`xxhash.xxh64(data, seed).intdigest()`).
/// It is not a cryptographic hash, so it detects accidents, not tampering.
public enum XXH64 {
    private static let prime1: UInt64 = 0x9E37_79B1_85EB_CA87
    private static let prime2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    private static let prime3: UInt64 = 0x1656_67B1_9E37_79F9
    private static let prime4: UInt64 = 0x85EB_CA77_C2B2_AE63
    private static let prime5: UInt64 = 0x27D4_EB2F_1656_67C5

    /// Returns the checksum of `bytes`.
    public static func hash(_ bytes: UnsafeRawBufferPointer, seed: UInt64 = 0) -> UInt64 {
        let length = bytes.count
        var offset = 0
        var hash: UInt64

        // Four accumulators consume 32-byte stripes.
        if length >= 32 {
            var accumulators = (seed &+ prime1 &+ prime2, seed &+ prime2, seed, seed &- prime1)
            while offset + 32 <= length {
                accumulators.0 = round(accumulators.0, lane(bytes, offset))
                accumulators.1 = round(accumulators.1, lane(bytes, offset + 8))
                accumulators.2 = round(accumulators.2, lane(bytes, offset + 16))
                accumulators.3 = round(accumulators.3, lane(bytes, offset + 24))
                offset += 32
            }
            hash = rotate(accumulators.0, 1) &+ rotate(accumulators.1, 7)
                &+ rotate(accumulators.2, 12) &+ rotate(accumulators.3, 18)
            hash = merge(hash, accumulators.0)
            hash = merge(hash, accumulators.1)
            hash = merge(hash, accumulators.2)
            hash = merge(hash, accumulators.3)
        } else {
            hash = seed &+ prime5
        }
        hash &+= UInt64(length)

        // The remaining 0 to 31 bytes: 8, then 4, then 1 at a time.
        while offset + 8 <= length {
            hash ^= round(0, lane(bytes, offset))
            hash = rotate(hash, 27) &* prime1 &+ prime4
            offset += 8
        }
        if offset + 4 <= length {
            let word = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
            hash ^= UInt64(word) &* prime1
            hash = rotate(hash, 23) &* prime2 &+ prime3
            offset += 4
        }
        while offset < length {
            hash ^= UInt64(bytes[offset]) &* prime5
            hash = rotate(hash, 11) &* prime1
            offset += 1
        }
        return avalanche(hash)
    }

    /// Returns the checksum of the bytes of `values` in memory order.
    ///
    /// NOTE: checkpoints are written with little-endian file types, so this
    /// equals the checksum of the stored bytes only on little-endian hosts
    /// (x86-64 and arm64 Linux).
    public static func hash<Element>(of values: [Element], seed: UInt64 = 0) -> UInt64 {
        values.withUnsafeBytes { hash($0, seed: seed) }
    }

    /// Returns the checksum of the UTF-8 encoding of `text`.
    public static func hash(utf8 text: String, seed: UInt64 = 0) -> UInt64 {
        hash(of: Array(text.utf8), seed: seed)
    }

    private static func lane(_ bytes: UnsafeRawBufferPointer, _ offset: Int) -> UInt64 {
        UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    private static func rotate(_ value: UInt64, _ bits: UInt64) -> UInt64 {
        (value << bits) | (value >> (64 - bits))
    }

    private static func round(_ accumulator: UInt64, _ input: UInt64) -> UInt64 {
        rotate(accumulator &+ input &* prime2, 31) &* prime1
    }

    private static func merge(_ hash: UInt64, _ accumulator: UInt64) -> UInt64 {
        (hash ^ round(0, accumulator)) &* prime1 &+ prime4
    }

    private static func avalanche(_ value: UInt64) -> UInt64 {
        var hash = value
        hash ^= hash >> 33
        hash &*= prime2
        hash ^= hash >> 29
        hash &*= prime3
        hash ^= hash >> 32
        return hash
    }
}
