/// Autocovariance of a series at every lag, computed with the FFT as ArviZ's
/// `autocov` does: `acov[t] = (1/n) Σ_{j<n-t} (x[j] - x̄)(x[j+t] - x̄)`.
///
/// The series is centred, zero-padded to a power of two of at least `2n`
/// points (so the circular correlation equals the linear one), transformed,
/// squared in modulus and transformed back. Two real series share one
/// complex transform: the first is the real part, the second the imaginary
/// part, and both power spectra are recovered from the symmetric halves.
enum Autocovariance {
    /// Returns the autocovariance of each series in `series` at lags
    /// `0..<count` of that series.
    static func of(_ series: [ArraySlice<Double>]) -> [[Double]] {
        var transforms: [Int: FourierTransform] = [:]
        var results: [[Double]] = []
        results.reserveCapacity(series.count)
        var index = 0
        while index < series.count {
            if index + 1 < series.count, series[index].count == series[index + 1].count {
                let (first, second) = pair(series[index], series[index + 1], transforms: &transforms)
                results.append(first)
                results.append(second)
                index += 2
            } else {
                results.append(pair(series[index], nil, transforms: &transforms).0)
                index += 1
            }
        }
        return results
    }

    /// Autocovariances of `first` and, when given, `second` (of equal length) from one transform.
    /// `transforms` caches one prepared transform per size across calls.
    private static func pair(_ first: ArraySlice<Double>, _ second: ArraySlice<Double>?,
                             transforms: inout [Int: FourierTransform]) -> ([Double], [Double]) {
        let n = first.count
        if n == 0 { return ([], []) }
        let size = FourierTransform.powerOfTwo(atLeast: 2 * n)
        let transform = transforms[size] ?? FourierTransform(size: size)
        transforms[size] = transform

        var real = [Double](repeating: 0, count: size)
        var imaginary = [Double](repeating: 0, count: size)
        let firstMean = mean(first)
        for (offset, value) in first.enumerated() { real[offset] = value - firstMean }
        if let second {
            let secondMean = mean(second)
            for (offset, value) in second.enumerated() { imaginary[offset] = value - secondMean }
        }
        transform.transform(real: &real, imaginary: &imaginary, inverse: false)

        // Z = X + iY with X, Y the transforms of the two real series:
        // X[k] = (Z[k] + conj Z[-k]) / 2 and Y[k] = (Z[k] - conj Z[-k]) / 2i.
        // Put |X[k]|² in the real part and |Y[k]|² in the imaginary part.
        var powerReal = [Double](repeating: 0, count: size)
        var powerImaginary = [Double](repeating: 0, count: size)
        for k in 0..<size {
            let mirror = (size - k) & (size - 1)
            let xr = 0.5 * (real[k] + real[mirror])
            let xi = 0.5 * (imaginary[k] - imaginary[mirror])
            let yr = 0.5 * (imaginary[k] + imaginary[mirror])
            let yi = -0.5 * (real[k] - real[mirror])
            powerReal[k] = xr * xr + xi * xi
            powerImaginary[k] = yr * yr + yi * yi
        }
        transform.transform(real: &powerReal, imaginary: &powerImaginary, inverse: true)

        let scale = 1 / Double(size) / Double(n)
        let firstCovariance = (0..<n).map { powerReal[$0] * scale }
        let secondCovariance = second == nil ? [] : (0..<n).map { powerImaginary[$0] * scale }
        return (firstCovariance, secondCovariance)
    }

    private static func mean(_ values: ArraySlice<Double>) -> Double {
        values.reduce(0, +) / Double(values.count)
    }
}
