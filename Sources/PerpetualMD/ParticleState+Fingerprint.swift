extension ParticleState {
    /// FNV-1a (64-bit) hash of the ids, positions, velocities, image counts
    /// and box bounds, each value's little-endian bytes in that order, atoms
    /// in storage order.
    ///
    /// Two states with the same fingerprint are taken to be the same state:
    /// the kernel stores it so that a resume can reject a changed
    /// `--initial-state` file. It detects changes, not tampering.
    public var fingerprint: UInt64 {
        var hash = FNV1a64()
        for id in ids { hash.add(UInt64(bitPattern: id)) }
        for values in [x, y, z, vx, vy, vz] {
            for value in values { hash.add(value.bitPattern) }
        }
        for images in [imageX, imageY, imageZ] {
            for image in images { hash.add(UInt64(bitPattern: image)) }
        }
        for bound in [box.lower, box.upper] {
            for dimension in 0..<3 { hash.add(bound[dimension].bitPattern) }
        }
        return hash.value
    }
}

/// The 64-bit Fowler–Noll–Vo hash, variant 1a: per byte, XOR into the hash,
/// then multiply by the FNV prime.
struct FNV1a64 {
    static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    static let prime: UInt64 = 0x0000_0100_0000_01b3

    private(set) var value = FNV1a64.offsetBasis

    /// Adds the eight bytes of `word`, least significant first.
    mutating func add(_ word: UInt64) {
        var remaining = word
        for _ in 0..<8 {
            value = (value ^ (remaining & 0xff)) &* Self.prime
            remaining >>= 8
        }
    }
}
