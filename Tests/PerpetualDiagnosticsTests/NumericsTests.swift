import Testing
@testable import PerpetualDiagnostics

@Suite("Numerics")
struct NumericsTests {
    /// Direct sum `(1/n) Σ (x_j - x̄)(x_{j+t} - x̄)`, the definition the FFT must reproduce.
    static func directAutocovariance(_ x: [Double]) -> [Double] {
        let mean = x.reduce(0, +) / Double(x.count)
        return (0..<x.count).map { lag in
            (0..<(x.count - lag)).reduce(0.0) { $0 + (x[$1] - mean) * (x[$1 + lag] - mean) } / Double(x.count)
        }
    }

    @Test("FFT autocovariance equals the direct sum", arguments: [1, 2, 3, 7, 64, 100, 257])
    func fftAutocovarianceEqualsDirectSum(length: Int) {
        var generator = SplitMix(seed: UInt64(length))
        let first = (0..<length).map { _ in generator.nextDouble() * 10 - 3 }
        let second = (0..<length).map { _ in generator.nextDouble() }
        let results = Autocovariance.of([first[...], second[...]])
        for (series, result) in zip([first, second], results) {
            let direct = Self.directAutocovariance(series)
            let scale = abs(direct[0]) + 1e-300
            for lag in 0..<length {
                #expect(abs(result[lag] - direct[lag]) <= 1e-12 * scale, "length \(length) lag \(lag)")
            }
        }
    }

    // Expected values: SciPy 1.17.1 norm.ppf.
    @Test("normal quantile known values", arguments: [
        (0.5, 0.0), (0.975, 1.959963984540054), (0.025, -1.959963984540054),
        (0.8413447460685429, 1.0), (1e-10, -6.361340902404056), (0.999999, 4.753424308817087),
    ])
    func normalQuantileKnownValues(probability: Double, expected: Double) {
        let value = NormalDistribution.quantile(probability)
        #expect(abs(value - expected) <= 1e-14 * max(1, abs(expected)), "Φ⁻¹(\(probability)) = \(value)")
    }

    @Test("beta CDF of a symmetric beta at one half")
    func betaCDFSymmetricAtHalf() {
        for shape in [1.0, 2.5, 40, 4000, 2e6] {
            #expect(abs(BetaDistribution.cdf(0.5, a: shape, b: shape) - 0.5) <= 1e-10, "a = b = \(shape)")
        }
    }

    @Test("beta quantile inverts the CDF")
    func betaQuantileInvertsCDF() {
        for (a, b) in [(2.0, 5.0), (51.0, 951.0), (20001.0, 380001.0)] {
            let x = BetaDistribution.quantile(0.1586553, a: a, b: b)
            #expect(abs(BetaDistribution.cdf(x, a: a, b: b) - 0.1586553) <= 1e-12, "a \(a) b \(b)")
        }
    }

    @Test("average ranks of ties")
    func averageRanksOfTies() {
        #expect(RankNormalization.averageRanks([3, 1, 3, 2, 3]) == [4, 1, 4, 2, 4])
        #expect(RankNormalization.averageRanks([5, 5]) == [1.5, 1.5])
        #expect(RankNormalization.averageRanks([]) == [])
    }

    // Expected values: numpy 2.4.6 quantile and SciPy 1.17.1 mstats.mquantiles
    // (alphap = betap = 1).
    @Test("quantile interpolation conventions")
    func quantileInterpolationConventions() {
        let sorted = [1.0, 2, 4, 8]
        #expect(SampleQuantile.of(sorted: sorted, probability: 0.5) == 3)
        #expect(SampleQuantile.median(sorted: sorted) == 3)
        #expect(SampleQuantile.of(sorted: sorted, probability: 0.05) == 1.15)
        #expect(SampleQuantile.mquantile(sorted: sorted, probability: 0.95) == 7.399999999999999)
        #expect(SampleQuantile.of(sorted: sorted, probability: 0.95) == 7.399999999999999)
        #expect(SampleQuantile.median(sorted: [7]) == 7)
    }

    @Test("split drops the middle draw of odd chains")
    func splitDropsMiddleDraw() {
        let matrix = ChainMatrix(chains: [[1, 2, 3, 4, 5], [6, 7, 8, 9, 10]])
        let split = matrix.split()
        #expect(split.chainCount == 4)
        #expect(split.drawCount == 2)
        #expect(split.values == [1, 2, 6, 7, 4, 5, 9, 10])
    }
}

/// A small seeded generator for test data (SplitMix64).
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1) with 53 random bits.
    mutating func nextDouble() -> Double { Double(next() >> 11) / Double(1 << 53) }
}
