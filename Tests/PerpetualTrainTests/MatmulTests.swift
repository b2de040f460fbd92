import PerpetualCore
import Testing
@testable import PerpetualTrain

/// The SIMD matrix product against the scalar triple loop.
@Suite struct MatmulTests {
    struct Shape: Sendable, CustomTestStringConvertible {
        var m: Int
        var n: Int
        var k: Int
        var testDescription: String { "\(m)×\(k)·\(k)×\(n)" }
    }

    /// Shapes with and without tails in rows (blocks of 4) and columns (lanes of 4).
    static let shapes = [
        Shape(m: 1, n: 1, k: 1), Shape(m: 4, n: 4, k: 3), Shape(m: 5, n: 7, k: 9),
        Shape(m: 32, n: 128, k: 64), Shape(m: 33, n: 10, k: 130), Shape(m: 3, n: 65, k: 2),
    ]

    static func values(_ count: Int, seed: UInt64) -> [Double] {
        var random = CounterRNG(seed: seed, stream: 0, step: 0)
        return (0..<count).map { _ in random.nextNormal() }
    }

    static func simd(_ a: [Double], transposeA: Bool, _ b: [Double], _ shape: Shape) -> [Double] {
        var c = [Double](repeating: .nan, count: shape.m * shape.n)
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                c.withUnsafeMutableBufferPointer { pc in
                    Matmul.multiply(pa.baseAddress!, transposeA: transposeA, pb.baseAddress!, into: pc.baseAddress!,
                                    m: shape.m, n: shape.n, k: shape.k)
                }
            }
        }
        return c
    }

    @Test(arguments: shapes, [false, true])
    func simdMatchesScalarExactly(_ shape: Shape, transposeA: Bool) {
        let a = Self.values(shape.m * shape.k, seed: 1)
        let b = Self.values(shape.k * shape.n, seed: 2)

        let reference = MatmulReference.multiply(a, transposeA: transposeA, b, m: shape.m, n: shape.n, k: shape.k)
        let result = Self.simd(a, transposeA: transposeA, b, shape)

        #expect(result == reference)
    }

    @Test func transposeMovesEveryElement() {
        let source = (0..<6).map(Double.init)
        var destination = [Double](repeating: 0, count: 6)
        source.withUnsafeBufferPointer { s in
            destination.withUnsafeMutableBufferPointer { d in
                Matmul.transpose(s.baseAddress!, rows: 2, columns: 3, into: d.baseAddress!)
            }
        }
        #expect(destination == [0, 3, 1, 4, 2, 5])
    }

    @Test func referenceComputesKnownProduct() {
        // [[1, 2], [3, 4]] · [[5, 6], [7, 8]] = [[19, 22], [43, 50]]
        let product = MatmulReference.multiply([1, 2, 3, 4], transposeA: false, [5, 6, 7, 8], m: 2, n: 2, k: 2)
        let transposed = MatmulReference.multiply([1, 3, 2, 4], transposeA: true, [5, 6, 7, 8], m: 2, n: 2, k: 2)

        #expect(product == [19, 22, 43, 50])
        #expect(transposed == [19, 22, 43, 50])
    }
}
