/// The autocovariance averaged over the chains of a ``ChainMatrix``,
/// `mean_c acov_c(t)`, computed lag by lag on demand.
///
/// The effective sample size reads lags in increasing order only until
/// Geyer's sequence turns negative, which for most chains is a few dozen
/// lags. So the first ``directLagLimit`` lags are summed directly,
/// `acov_c(t) = (1/n) Σ_{j<n-t} (x_j - x̄)(x_{j+t} - x̄)`, at `O(M n)` per
/// lag. The first request beyond them computes every lag at once with the
/// FFT (``Autocovariance``), as ArviZ does, at `O(M n log n)`. Both give
/// the same values up to round-off in the last digits.
struct MeanAutocovariance {
    /// Lags summed directly before switching to the FFT. By an operation
    /// count (an estimate: `2n` flops per lag against about `10 n log2(2n)`
    /// per FFT pair), 64 direct lags cost less than the FFT of the same
    /// chains, so a series that needs the FFT pays at most about twice.
    static let directLagLimit = 64

    private let matrix: ChainMatrix
    /// Each chain minus its mean, chain after chain.
    private let centered: [Double]
    /// Mean autocovariance at lags `0..<direct.count`, summed directly.
    private var direct: [Double] = []
    /// Mean autocovariance at every lag, once the FFT has run.
    private var transformed: [Double]?

    init(_ matrix: ChainMatrix) {
        self.matrix = matrix
        var centered = matrix.values
        let n = matrix.drawCount
        for chain in 0..<matrix.chainCount {
            let range = (chain * n)..<((chain + 1) * n)
            let mean = centered[range].reduce(0, +) / Double(n)
            for index in range { centered[index] -= mean }
        }
        self.centered = centered
    }

    /// `mean_c acov_c(lag)` for `0 ≤ lag < drawCount`.
    mutating func at(_ lag: Int) -> Double {
        if let transformed { return transformed[lag] }
        if lag < direct.count { return direct[lag] }
        if lag < Self.directLagLimit {
            while direct.count <= lag {
                direct.append(directSum(lag: direct.count))
            }
            return direct[lag]
        }
        let covariances = Autocovariance.of((0..<matrix.chainCount).map { matrix.chain($0) })
        let chainCount = Double(covariances.count)
        let all = (0..<matrix.drawCount).map { lag in covariances.reduce(0) { $0 + $1[lag] } / chainCount }
        transformed = all
        return all[lag]
    }

    /// Mean over chains of `(1/n) Σ_{j<n-lag} y_j y_{j+lag}` of the centred chains.
    private func directSum(lag: Int) -> Double {
        let n = matrix.drawCount
        var total = 0.0
        centered.withUnsafeBufferPointer { values in
            for chain in 0..<matrix.chainCount {
                let base = values.baseAddress! + chain * n
                let count = n - lag
                var lanes = SIMD4<Double>()
                var index = 0
                while index + 4 <= count {
                    let left = UnsafeRawPointer(base + index).loadUnaligned(as: SIMD4<Double>.self)
                    let right = UnsafeRawPointer(base + index + lag).loadUnaligned(as: SIMD4<Double>.self)
                    lanes += left * right
                    index += 4
                }
                var sum = lanes.sum()
                while index < count {
                    sum += base[index] * base[index + lag]
                    index += 1
                }
                total += sum / Double(n)
            }
        }
        return total / Double(matrix.chainCount)
    }
}
