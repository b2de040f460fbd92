/// The Philox4x32-10 counter-based block function of Salmon, Moraes, Dror and
/// Shaw, "Parallel random numbers: as easy as 1, 2, 3" (SC'11).
///
/// It maps a 128-bit counter and a 64-bit key to 128 random bits. Equal
/// inputs always give equal outputs, on any machine and in any order of
/// calls, which is what makes a restarted or re-partitioned run draw the same
/// numbers. The constants are those of the paper and of Random123.
public enum Philox4x32 {
    @usableFromInline static let multiplier0: UInt32 = 0xD251_1F53
    @usableFromInline static let multiplier1: UInt32 = 0xCD9E_8D57
    @usableFromInline static let weyl0: UInt32 = 0x9E37_79B9
    @usableFromInline static let weyl1: UInt32 = 0xBB67_AE85

    /// Returns the 10-round block for `counter` under `key`.
    @inlinable
    public static func block(counter: SIMD4<UInt32>, key: SIMD2<UInt32>) -> SIMD4<UInt32> {
        var x = counter
        var k = key
        for round in 0..<10 {
            if round > 0 {
                k &+= SIMD2(weyl0, weyl1)
            }
            let product0 = UInt64(multiplier0) &* UInt64(x[0])
            let product1 = UInt64(multiplier1) &* UInt64(x[2])
            let hi0 = UInt32(truncatingIfNeeded: product0 >> 32)
            let lo0 = UInt32(truncatingIfNeeded: product0)
            let hi1 = UInt32(truncatingIfNeeded: product1 >> 32)
            let lo1 = UInt32(truncatingIfNeeded: product1)
            x = SIMD4(hi1 ^ x[1] ^ k[0], lo1, hi0 ^ x[3] ^ k[1], lo0)
        }
        return x
    }
}
