import Foundation

/// An in-place radix-2 complex discrete Fourier transform of one fixed size.
///
/// The forward transform is `X[k] = Σ x[j] exp(-2πi jk/n)`, the inverse
/// uses `+2πi` and is not scaled (divide by `n` to invert). The twiddle
/// factors are computed once each with `cos`/`sin` rather than by a
/// recurrence, so the round-off grows like `log2(n)` ulps of the largest
/// value, the same order as numpy's pocketfft.
struct FourierTransform {
    /// Number of points, a power of two.
    let size: Int
    private let cosines: [Double]
    private let sines: [Double]

    /// Prepares a transform of `size` points. Traps when `size` is not a power of two.
    init(size: Int) {
        precondition(size > 0 && size & (size - 1) == 0, "FourierTransform size \(size) is not a power of two")
        self.size = size
        let half = max(size / 2, 1)
        var cosines = [Double](repeating: 1, count: half)
        var sines = [Double](repeating: 0, count: half)
        for k in 0..<half {
            let angle = 2 * Double.pi * Double(k) / Double(size)
            cosines[k] = cos(angle)
            sines[k] = sin(angle)
        }
        self.cosines = cosines
        self.sines = sines
    }

    /// Smallest power of two that is at least `minimum`.
    static func powerOfTwo(atLeast minimum: Int) -> Int {
        var size = 1
        while size < minimum { size <<= 1 }
        return size
    }

    /// Transforms `real` + i·`imaginary` in place; both arrays must have ``size`` elements.
    func transform(real: inout [Double], imaginary: inout [Double], inverse: Bool) {
        precondition(real.count == size && imaginary.count == size, "FourierTransform of size \(size) was given \(real.count) and \(imaginary.count) values")
        if size == 1 { return }
        real.withUnsafeMutableBufferPointer { re in
            imaginary.withUnsafeMutableBufferPointer { im in
                reorderByBitReversal(re, im)
                butterflies(re, im, sign: inverse ? 1 : -1)
            }
        }
    }

    private func reorderByBitReversal(_ re: UnsafeMutableBufferPointer<Double>, _ im: UnsafeMutableBufferPointer<Double>) {
        var j = 0
        for i in 1..<size {
            var bit = size >> 1
            while j & bit != 0 {
                j ^= bit
                bit >>= 1
            }
            j |= bit
            if i < j {
                re.swapAt(i, j)
                im.swapAt(i, j)
            }
        }
    }

    /// Points per cache block. Stages whose butterflies span at most this
    /// many points run block by block, so each block of 2 × 32 KiB stays in
    /// cache through all of them instead of streaming the whole array once
    /// per stage.
    static let cacheBlockSize = 1 << 12

    /// Runs the `log2(size)` butterfly stages; `sign` is the sign of the exponent.
    private func butterflies(_ re: UnsafeMutableBufferPointer<Double>, _ im: UnsafeMutableBufferPointer<Double>, sign: Double) {
        let block = min(size, Self.cacheBlockSize)
        var start = 0
        while start < size {
            stages(re, im, lengths: 2...block, points: start..<(start + block), sign: sign)
            start += block
        }
        if block < size {
            stages(re, im, lengths: (2 * block)...size, points: 0..<size, sign: sign)
        }
    }

    /// Runs the stages of butterfly span `lengths` (powers of two) on `points`,
    /// a range whose bounds are multiples of the largest span.
    private func stages(_ re: UnsafeMutableBufferPointer<Double>, _ im: UnsafeMutableBufferPointer<Double>,
                        lengths: ClosedRange<Int>, points: Range<Int>, sign: Double) {
        cosines.withUnsafeBufferPointer { cosines in
            sines.withUnsafeBufferPointer { sines in
                var length = lengths.lowerBound
                while length <= lengths.upperBound {
                    let halfLength = length / 2
                    let stride = size / length
                    var start = points.lowerBound
                    while start < points.upperBound {
                        for k in 0..<halfLength {
                            let wr = cosines[k * stride]
                            let wi = sign * sines[k * stride]
                            let a = start + k
                            let b = a + halfLength
                            let tr = re[b] * wr - im[b] * wi
                            let ti = re[b] * wi + im[b] * wr
                            re[b] = re[a] - tr
                            im[b] = im[a] - ti
                            re[a] += tr
                            im[a] += ti
                        }
                        start += length
                    }
                    length <<= 1
                }
            }
        }
    }
}
