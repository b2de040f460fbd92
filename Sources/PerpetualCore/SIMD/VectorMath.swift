/// The SIMD core used in the kernels' hot loops.
///
/// Every function processes eight doubles per iteration in two
/// `SIMD4<Double>` accumulators and finishes the tail in scalar code. The
/// summation order therefore differs from ``ScalarReference``, and results
/// agree with it to round-off, not bit for bit. Results are bit-identical
/// between calls with the same inputs in the same binary, which is all a
/// restart needs.
public enum VectorMath {
    /// Returns the dot product of `a` and `b`. Traps when the counts differ.
    @inlinable
    public static func dot(_ a: UnsafeBufferPointer<Double>, _ b: UnsafeBufferPointer<Double>) -> Double {
        precondition(a.count == b.count, "dot: lengths \(a.count) and \(b.count) differ")
        let count = a.count
        guard count > 0, let pa = a.baseAddress, let pb = b.baseAddress else { return 0 }
        let ra = UnsafeRawPointer(pa)
        let rb = UnsafeRawPointer(pb)
        var acc0 = SIMD4<Double>.zero
        var acc1 = SIMD4<Double>.zero
        var i = 0
        while i + 8 <= count {
            let offset = i * MemoryLayout<Double>.stride
            acc0 += ra.loadUnaligned(fromByteOffset: offset, as: SIMD4<Double>.self)
                * rb.loadUnaligned(fromByteOffset: offset, as: SIMD4<Double>.self)
            acc1 += ra.loadUnaligned(fromByteOffset: offset + 32, as: SIMD4<Double>.self)
                * rb.loadUnaligned(fromByteOffset: offset + 32, as: SIMD4<Double>.self)
            i += 8
        }
        var sum = (acc0 + acc1).sum()
        while i < count {
            sum += pa[i] * pb[i]
            i += 1
        }
        return sum
    }

    /// Returns the dot product of two arrays.
    @inlinable
    public static func dot(_ a: [Double], _ b: [Double]) -> Double {
        a.withUnsafeBufferPointer { pa in b.withUnsafeBufferPointer { pb in dot(pa, pb) } }
    }

    /// Returns the sum of squares of `x`.
    @inlinable
    public static func sumOfSquares(_ x: UnsafeBufferPointer<Double>) -> Double {
        dot(x, x)
    }

    /// Computes `y += alpha * x` in place. Traps when the counts differ.
    @inlinable
    public static func axpy(_ alpha: Double, _ x: UnsafeBufferPointer<Double>, _ y: UnsafeMutableBufferPointer<Double>) {
        precondition(x.count == y.count, "axpy: lengths \(x.count) and \(y.count) differ")
        let count = x.count
        guard count > 0, let px = x.baseAddress, let py = y.baseAddress else { return }
        let rx = UnsafeRawPointer(px)
        let ry = UnsafeMutableRawPointer(py)
        let scale = SIMD4<Double>(repeating: alpha)
        var i = 0
        while i + 4 <= count {
            let offset = i * MemoryLayout<Double>.stride
            let updated = ry.loadUnaligned(fromByteOffset: offset, as: SIMD4<Double>.self)
                + scale * rx.loadUnaligned(fromByteOffset: offset, as: SIMD4<Double>.self)
            ry.storeBytes(of: updated, toByteOffset: offset, as: SIMD4<Double>.self)
            i += 4
        }
        while i < count {
            py[i] += alpha * px[i]
            i += 1
        }
    }

    /// Computes `y = A x` for a row-major `rows × columns` matrix `A`.
    @inlinable
    public static func matrixVector(
        _ matrix: UnsafeBufferPointer<Double>, rows: Int, columns: Int,
        _ x: UnsafeBufferPointer<Double>, into y: UnsafeMutableBufferPointer<Double>
    ) {
        precondition(matrix.count == rows * columns, "matrixVector: matrix has \(matrix.count) elements, expected \(rows)×\(columns)")
        precondition(x.count == columns && y.count == rows, "matrixVector: vector lengths \(x.count), \(y.count) do not match \(rows)×\(columns)")
        guard let base = matrix.baseAddress else { return }
        for row in 0..<rows {
            y[row] = dot(UnsafeBufferPointer(start: base + row * columns, count: columns), x)
        }
    }

    /// Computes `y = Aᵀ x` for a row-major `rows × columns` matrix `A`.
    @inlinable
    public static func transposedMatrixVector(
        _ matrix: UnsafeBufferPointer<Double>, rows: Int, columns: Int,
        _ x: UnsafeBufferPointer<Double>, into y: UnsafeMutableBufferPointer<Double>
    ) {
        precondition(matrix.count == rows * columns, "transposedMatrixVector: matrix has \(matrix.count) elements, expected \(rows)×\(columns)")
        precondition(x.count == rows && y.count == columns, "transposedMatrixVector: vector lengths \(x.count), \(y.count) do not match \(rows)×\(columns)")
        guard let base = matrix.baseAddress else { return }
        for column in 0..<columns { y[column] = 0 }
        for row in 0..<rows {
            axpy(x[row], UnsafeBufferPointer(start: base + row * columns, count: columns), y)
        }
    }
}
