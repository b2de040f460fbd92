/// A random-number stream built on ``Philox4x32``, addressed by a seed, a
/// stream id and a step index.
///
/// The counter of block `b` is `(b, stream, step low 32 bits, step high 32 bits)`
/// and the key is the 64-bit seed. The whole state is therefore
/// `(seed, stream, step, position)`, where `position` counts the 32-bit words
/// consumed so far. Kernels usually create a fresh generator per step and per
/// chain or particle, so at a step boundary nothing but the seed needs to be
/// checkpointed; ``position`` is exposed for kernels that keep one generator
/// across steps.
///
/// One stream yields at most 2^34 words per step; the generator traps past
/// that, because the counter would wrap into another stream's numbers.
public struct CounterRNG: RandomNumberGenerator, Sendable, Equatable {
    public let seed: UInt64
    public let stream: UInt32
    public let step: UInt64
    /// 32-bit words consumed so far.
    public private(set) var position: UInt64

    private var cachedBlockIndex: UInt64 = .max
    private var cachedBlock: SIMD4<UInt32> = .zero

    public init(seed: UInt64, stream: UInt32, step: UInt64, position: UInt64 = 0) {
        self.seed = seed
        self.stream = stream
        self.step = step
        self.position = position
    }

    public static func == (lhs: CounterRNG, rhs: CounterRNG) -> Bool {
        lhs.seed == rhs.seed && lhs.stream == rhs.stream && lhs.step == rhs.step && lhs.position == rhs.position
    }

    /// Philox key derived from the seed: low word first.
    public var key: SIMD2<UInt32> {
        SIMD2(UInt32(truncatingIfNeeded: seed), UInt32(truncatingIfNeeded: seed >> 32))
    }

    /// Philox counter of the block that the next word comes from.
    public var counter: SIMD4<UInt32> {
        counter(forBlock: position / 4)
    }

    private func counter(forBlock blockIndex: UInt64) -> SIMD4<UInt32> {
        SIMD4(UInt32(truncatingIfNeeded: blockIndex), stream,
              UInt32(truncatingIfNeeded: step), UInt32(truncatingIfNeeded: step >> 32))
    }

    /// Returns the next 32 random bits.
    public mutating func next32() -> UInt32 {
        let blockIndex = position / 4
        precondition(blockIndex <= UInt64(UInt32.max), "CounterRNG stream \(stream) exhausted 2^32 blocks in step \(step)")
        if blockIndex != cachedBlockIndex {
            cachedBlock = Philox4x32.block(counter: counter(forBlock: blockIndex), key: key)
            cachedBlockIndex = blockIndex
        }
        let word = cachedBlock[Int(position % 4)]
        position += 1
        return word
    }

    /// Returns the next 64 random bits: two consecutive words, the first as the low half.
    public mutating func next() -> UInt64 {
        let low = UInt64(next32())
        let high = UInt64(next32())
        return low | (high << 32)
    }

    /// Returns a uniform double in the open interval (0, 1) with 53 random bits.
    public mutating func nextUniform() -> Double {
        CounterRNG.openUnitInterval(top53Bits: next() >> 11)
    }

    /// Maps 53 random bits to `(bits + 0.5) / 2^53`, in (0, 1).
    ///
    /// For the largest input, 2^53 - 0.5 is not representable and rounds to
    /// 2^53, which would give exactly 1, so that one value is clamped to the
    /// largest double below 1. The clamp changes no other input's result.
    static func openUnitInterval(top53Bits bits: UInt64) -> Double {
        min((Double(bits) + 0.5) * 0x1p-53, (1.0).nextDown)
    }

    /// Returns a standard normal deviate by the Box-Muller transform.
    ///
    /// Each call consumes exactly two uniforms (four words) and discards the
    /// second normal, so that the number of words used never depends on
    /// earlier calls.
    public mutating func nextNormal() -> Double {
        let u1 = nextUniform()
        let u2 = nextUniform()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// Returns an exponential deviate with rate 1.
    public mutating func nextExponential() -> Double {
        -log(nextUniform())
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
