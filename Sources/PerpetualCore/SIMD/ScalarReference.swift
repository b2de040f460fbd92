/// Plain scalar versions of the ``VectorMath`` functions, summing left to
/// right. Tests compare the SIMD core against these.
public enum ScalarReference {
    public static func dot(_ a: [Double], _ b: [Double]) -> Double {
        precondition(a.count == b.count, "dot: lengths \(a.count) and \(b.count) differ")
        var sum = 0.0
        for i in a.indices { sum += a[i] * b[i] }
        return sum
    }

    public static func axpy(_ alpha: Double, _ x: [Double], _ y: inout [Double]) {
        precondition(x.count == y.count, "axpy: lengths \(x.count) and \(y.count) differ")
        for i in x.indices { y[i] += alpha * x[i] }
    }

    public static func matrixVector(_ matrix: [Double], rows: Int, columns: Int, _ x: [Double]) -> [Double] {
        (0..<rows).map { row in
            var sum = 0.0
            for column in 0..<columns { sum += matrix[row * columns + column] * x[column] }
            return sum
        }
    }

    public static func transposedMatrixVector(_ matrix: [Double], rows: Int, columns: Int, _ x: [Double]) -> [Double] {
        var y = [Double](repeating: 0, count: columns)
        for row in 0..<rows {
            for column in 0..<columns { y[column] += matrix[row * columns + column] * x[row] }
        }
        return y
    }
}
