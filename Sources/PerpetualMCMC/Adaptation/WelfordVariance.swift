/// Running mean and variance of each coordinate by Welford's algorithm.
struct WelfordVariance: Equatable, Sendable {
    var count: Int = 0
    var mean: [Double]
    /// Sum of squared deviations from the running mean, per coordinate.
    var sumOfSquares: [Double]

    init(dimension: Int) {
        mean = [Double](repeating: 0, count: dimension)
        sumOfSquares = [Double](repeating: 0, count: dimension)
    }

    mutating func add(_ sample: [Double]) {
        count += 1
        for index in mean.indices {
            let delta = sample[index] - mean[index]
            mean[index] += delta / Double(count)
            sumOfSquares[index] += delta * (sample[index] - mean[index])
        }
    }

    /// Returns Stan's regularised variance estimate for a diagonal metric:
    ///
    ///     (n / (n + 5)) · s² + 10⁻³ · (5 / (n + 5)),
    ///
    /// where `s²` is the sample variance with divisor `n - 1`. It shrinks
    /// towards 10⁻³ when few samples are available. Traps when `count < 2`.
    func regularisedVariance() -> [Double] {
        precondition(count >= 2, "regularisedVariance() needs at least 2 samples, has \(count); add samples first")
        let n = Double(count)
        return sumOfSquares.map { squares in
            (n / (n + 5)) * (squares / (n - 1)) + 1e-3 * (5 / (n + 5))
        }
    }

    mutating func reset() {
        count = 0
        for index in mean.indices {
            mean[index] = 0
            sumOfSquares[index] = 0
        }
    }
}
