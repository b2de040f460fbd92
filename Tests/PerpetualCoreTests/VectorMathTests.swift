import Testing
import PerpetualCore

/// Returns random doubles in [-1, 1) from a seeded stream.
func randomVector(count: Int, stream: UInt32, step: UInt64 = 0) -> [Double] {
    var generator = CounterRNG(seed: 1234, stream: stream, step: step)
    return (0..<count).map { _ in 2 * generator.nextUniform() - 1 }
}

/// Returns whether `value` agrees with `reference` to within 4 n ε times
/// `magnitude`, the sum of the absolute values of the n terms, because
/// recursive summation of n terms is accurate to about n ε of that sum.
func agrees(_ value: Double, _ reference: Double, terms: Int, magnitude: Double) -> Bool {
    abs(value - reference) <= 4 * Double(max(terms, 1)) * Double.ulpOfOne * magnitude
}

@Suite struct VectorMathTests {
    @Test("dot matches the scalar reference", arguments: 0...37)
    func dotMatchesReference(count: Int) {
        let a = randomVector(count: count, stream: 0, step: UInt64(count))
        let b = randomVector(count: count, stream: 1, step: UInt64(count))
        let magnitude = zip(a, b).reduce(0) { $0 + abs($1.0 * $1.1) }
        #expect(agrees(VectorMath.dot(a, b), ScalarReference.dot(a, b), terms: count, magnitude: magnitude))
    }

    @Test("sumOfSquares matches the scalar reference", arguments: 0...37)
    func sumOfSquaresMatchesReference(count: Int) {
        let x = randomVector(count: count, stream: 2, step: UInt64(count))
        let value = x.withUnsafeBufferPointer { VectorMath.sumOfSquares($0) }
        let reference = ScalarReference.dot(x, x)
        #expect(agrees(value, reference, terms: count, magnitude: reference))
    }

    @Test("axpy matches the scalar reference", arguments: 0...37)
    func axpyMatchesReference(count: Int) {
        let x = randomVector(count: count, stream: 3, step: UInt64(count))
        let y = randomVector(count: count, stream: 4, step: UInt64(count))
        let alpha = -0.731
        var simd = y
        var scalar = y
        x.withUnsafeBufferPointer { px in
            simd.withUnsafeMutableBufferPointer { py in VectorMath.axpy(alpha, px, py) }
        }
        ScalarReference.axpy(alpha, x, &scalar)
        for i in 0..<count {
            #expect(agrees(simd[i], scalar[i], terms: 2, magnitude: abs(alpha * x[i]) + abs(y[i])), "element \(i)")
        }
    }

    @Test("matrixVector matches the scalar reference", arguments: 0...37)
    func matrixVectorMatchesReference(columns: Int) {
        let rows = 5
        let matrix = randomVector(count: rows * columns, stream: 5, step: UInt64(columns))
        let x = randomVector(count: columns, stream: 6, step: UInt64(columns))
        var y = [Double](repeating: .nan, count: rows)
        matrix.withUnsafeBufferPointer { pm in
            x.withUnsafeBufferPointer { px in
                y.withUnsafeMutableBufferPointer { py in
                    VectorMath.matrixVector(pm, rows: rows, columns: columns, px, into: py)
                }
            }
        }
        let reference = ScalarReference.matrixVector(matrix, rows: rows, columns: columns, x)
        for row in 0..<rows {
            let magnitude = (0..<columns).reduce(0) { $0 + abs(matrix[row * columns + $1] * x[$1]) }
            #expect(agrees(y[row], reference[row], terms: columns, magnitude: magnitude), "row \(row)")
        }
    }

    @Test("transposedMatrixVector matches the scalar reference", arguments: 0...37)
    func transposedMatrixVectorMatchesReference(rows: Int) {
        let columns = 7
        let matrix = randomVector(count: rows * columns, stream: 7, step: UInt64(rows))
        let x = randomVector(count: rows, stream: 8, step: UInt64(rows))
        var y = [Double](repeating: .nan, count: columns)
        matrix.withUnsafeBufferPointer { pm in
            x.withUnsafeBufferPointer { px in
                y.withUnsafeMutableBufferPointer { py in
                    VectorMath.transposedMatrixVector(pm, rows: rows, columns: columns, px, into: py)
                }
            }
        }
        let reference = ScalarReference.transposedMatrixVector(matrix, rows: rows, columns: columns, x)
        for column in 0..<columns {
            let magnitude = (0..<rows).reduce(0) { $0 + abs(matrix[$1 * columns + column] * x[$1]) }
            #expect(agrees(y[column], reference[column], terms: rows, magnitude: magnitude), "column \(column)")
        }
    }
}
