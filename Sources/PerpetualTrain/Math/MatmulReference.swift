/// The plain triple loop that ``Matmul`` is tested against.
public enum MatmulReference {
    /// Returns `op(A) · B` as an `m × n` row-major array, summing over the
    /// inner dimension in increasing order from 0. `A` is stored `m × k`,
    /// or `k × m` when `transposeA` is true; `B` is stored `k × n`.
    public static func multiply(_ a: [Double], transposeA: Bool, _ b: [Double], m: Int, n: Int, k: Int) -> [Double] {
        precondition(a.count == m * k && b.count == k * n, "MatmulReference.multiply: \(a.count) and \(b.count) elements do not match \(m) × \(k) · \(k) × \(n)")
        var c = [Double](repeating: 0, count: m * n)
        for i in 0..<m {
            for j in 0..<n {
                var sum = 0.0
                for p in 0..<k {
                    let element = transposeA ? a[p * m + i] : a[i * k + p]
                    sum += element * b[p * n + j]
                }
                c[i * n + j] = sum
            }
        }
        return c
    }
}
