/// The autocovariance averaged over the chains of a ``ChainMatrix``,
/// `mean_c acov_c(t)`, computed lag by lag on demand.
///
/// The effective sample size reads lags in increasing order only until
/// Geyer's sequence turns negative, which for most chains is a few dozen
/// lags. So the first ``directLagLimit`` lags are summed directly, eight
/// at a time, `acov_c(t) = (1/n) Σ_{j<n-t} (x_j - x̄)(x_{j+t} - x̄)`, at
/// `O(M n)` per lag. The first request beyond them computes every lag at once with the
/// FFT (``Autocovariance``), as ArviZ does, at `O(M n log n)`. Both give
/// the same values up to round-off in the last digits.
struct MeanAutocovariance {
    /// Lags summed directly before switching to the FFT, a multiple of
    /// ``lagBlock``. On 4 chains of 250 000 AR(1) draws (φ = 0.9) every
    /// series of a report stayed below it, and the report took 0.8 s of CPU
    /// instead of 1.8 s with 64 direct lags and the FFT beyond them. A series
    /// that needs more lags pays for the direct sums and for the FFT.
    static let directLagLimit = 256
    /// Lags summed together in one pass over a chain.
    static let lagBlock = 8

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
                direct += directSums(from: direct.count)
            }
            return direct[lag]
        }
        let covariances = Autocovariance.of((0..<matrix.chainCount).map { matrix.chain($0) })
        let chainCount = Double(covariances.count)
        let all = (0..<matrix.drawCount).map { lag in covariances.reduce(0) { $0 + $1[lag] } / chainCount }
        transformed = all
        return all[lag]
    }

    /// Mean over chains of `(1/n) Σ_{j<n-lag} y_j y_{j+lag}` of the centred
    /// chains, for the eight lags `first..<first + 8`.
    ///
    /// One pass over each chain serves all eight lags: every `y_j` is
    /// multiplied by the eight values `y_{j+first} … y_{j+first+7}`, which
    /// are read once from cache rather than streamed once per lag.
    private func directSums(from first: Int) -> [Double] {
        let n = matrix.drawCount
        var totals = [Double](repeating: 0, count: Self.lagBlock)
        centered.withUnsafeBufferPointer { values in
            for chain in 0..<matrix.chainCount {
                let base = values.baseAddress! + chain * n
                // Positions j where all eight lags have a partner y_{j+lag}.
                let shared = max(0, n - first - Self.lagBlock + 1)
                var lanes = SIMD8<Double>()
                for j in 0..<shared {
                    let partners = UnsafeRawPointer(base + j + first).loadUnaligned(as: SIMD8<Double>.self)
                    lanes += base[j] * partners
                }
                for offset in 0..<Self.lagBlock {
                    let lag = first + offset
                    var sum = lanes[offset]
                    // The last positions, where only the shorter lags have a partner.
                    var j = shared
                    while j < n - lag {
                        sum += base[j] * base[j + lag]
                        j += 1
                    }
                    totals[offset] += sum / Double(n)
                }
            }
        }
        return totals.map { $0 / Double(matrix.chainCount) }
    }
}
