/// Dense matrix products on row-major float64 matrices, the hot loop of
/// the training kernel, with `SIMD4<Double>` lanes over the columns of the
/// result.
///
/// Each result element is accumulated in its own lane, over the inner
/// dimension in increasing order, starting from 0 and without fused
/// multiply-adds. That is the order of ``MatmulReference``, so the two agree
/// bit for bit; the lanes only compute four columns at once.
public enum Matmul {
    /// Rows of the result computed together; each row needs one broadcast.
    static let rowBlock = 4

    /// Computes `C = op(A) · B`, overwriting `C` (`m × n`).
    ///
    /// `op(A)` is `m × k`: `A` itself stored as `m × k` when `transposeA` is
    /// false, else `Aᵀ` with `A` stored as `k × m`. `B` is stored `k × n`.
    /// The buffers must not overlap.
    public static func multiply(
        _ a: UnsafePointer<Double>, transposeA: Bool, _ b: UnsafePointer<Double>,
        into c: UnsafeMutablePointer<Double>, m: Int, n: Int, k: Int
    ) {
        precondition(m >= 0 && n >= 0 && k >= 0, "Matmul.multiply: negative dimension in \(m) × \(k) · \(k) × \(n)")
        // Element (i, p) of op(A) sits at i * rowStride + p * innerStride.
        let rowStride = transposeA ? 1 : k
        let innerStride = transposeA ? m : 1

        var i = 0
        while i + rowBlock <= m {
            multiplyRowBlock(a + i * rowStride, rowStride: rowStride, innerStride: innerStride, b, into: c + i * n, n: n, k: k)
            i += rowBlock
        }
        while i < m {
            multiplyRow(a + i * rowStride, innerStride: innerStride, b, into: c + i * n, n: n, k: k)
            i += 1
        }
    }

    /// Computes four rows of the result: for each group of four columns,
    /// four accumulators, one per row.
    @inline(__always)
    static func multiplyRowBlock(
        _ a: UnsafePointer<Double>, rowStride: Int, innerStride: Int, _ b: UnsafePointer<Double>,
        into c: UnsafeMutablePointer<Double>, n: Int, k: Int
    ) {
        let rawB = UnsafeRawPointer(b)
        let rawC = UnsafeMutableRawPointer(c)
        var j = 0
        while j + 4 <= n {
            var acc0 = SIMD4<Double>.zero
            var acc1 = SIMD4<Double>.zero
            var acc2 = SIMD4<Double>.zero
            var acc3 = SIMD4<Double>.zero
            var aOffset = 0
            var bOffset = j * 8
            for _ in 0..<k {
                let row = rawB.loadUnaligned(fromByteOffset: bOffset, as: SIMD4<Double>.self)
                acc0 += SIMD4(repeating: a[aOffset]) * row
                acc1 += SIMD4(repeating: a[aOffset + rowStride]) * row
                acc2 += SIMD4(repeating: a[aOffset + 2 * rowStride]) * row
                acc3 += SIMD4(repeating: a[aOffset + 3 * rowStride]) * row
                aOffset += innerStride
                bOffset += n * 8
            }
            rawC.storeBytes(of: acc0, toByteOffset: j * 8, as: SIMD4<Double>.self)
            rawC.storeBytes(of: acc1, toByteOffset: (n + j) * 8, as: SIMD4<Double>.self)
            rawC.storeBytes(of: acc2, toByteOffset: (2 * n + j) * 8, as: SIMD4<Double>.self)
            rawC.storeBytes(of: acc3, toByteOffset: (3 * n + j) * 8, as: SIMD4<Double>.self)
            j += 4
        }
        for row in 0..<rowBlock {
            multiplyColumns(from: j, a + row * rowStride, innerStride: innerStride, b, into: c + row * n, n: n, k: k)
        }
    }

    /// Computes one row of the result.
    @inline(__always)
    static func multiplyRow(
        _ a: UnsafePointer<Double>, innerStride: Int, _ b: UnsafePointer<Double>,
        into c: UnsafeMutablePointer<Double>, n: Int, k: Int
    ) {
        let rawB = UnsafeRawPointer(b)
        var j = 0
        while j + 4 <= n {
            var acc = SIMD4<Double>.zero
            var aOffset = 0
            var bOffset = j * 8
            for _ in 0..<k {
                acc += SIMD4(repeating: a[aOffset]) * rawB.loadUnaligned(fromByteOffset: bOffset, as: SIMD4<Double>.self)
                aOffset += innerStride
                bOffset += n * 8
            }
            UnsafeMutableRawPointer(c).storeBytes(of: acc, toByteOffset: j * 8, as: SIMD4<Double>.self)
            j += 4
        }
        multiplyColumns(from: j, a, innerStride: innerStride, b, into: c, n: n, k: k)
    }

    /// Computes columns `start..<n` of one result row in scalar code.
    @inline(__always)
    static func multiplyColumns(
        from start: Int, _ a: UnsafePointer<Double>, innerStride: Int, _ b: UnsafePointer<Double>,
        into c: UnsafeMutablePointer<Double>, n: Int, k: Int
    ) {
        for j in start..<max(start, n) {
            var sum = 0.0
            for p in 0..<k {
                sum += a[p * innerStride] * b[p * n + j]
            }
            c[j] = sum
        }
    }

    /// Writes the transpose of the `rows × columns` matrix `source` into
    /// `destination` (`columns × rows`).
    public static func transpose(_ source: UnsafePointer<Double>, rows: Int, columns: Int, into destination: UnsafeMutablePointer<Double>) {
        for row in 0..<rows {
            for column in 0..<columns {
                destination[column * rows + row] = source[row * columns + column]
            }
        }
    }
}
