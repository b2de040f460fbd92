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
        var workspace = Workspace()
        var results: [[Double]] = []
        results.reserveCapacity(series.count)
        var index = 0
        while index < series.count {
            if index + 1 < series.count, series[index].count == series[index + 1].count {
                let (first, second) = pair(series[index], series[index + 1], workspace: &workspace)
                results.append(first)
                results.append(second)
                index += 2
            } else {
                results.append(pair(series[index], nil, workspace: &workspace).0)
                index += 1
            }
        }
        return results
    }

    /// A prepared transform and its two buffers, reused across the series of one call.
    private struct Workspace {
        var transform: FourierTransform?
        var real: [Double] = []
        var imaginary: [Double] = []

        /// Zeroed buffers of `size` points and the transform of that size.
        mutating func prepare(size: Int) -> FourierTransform {
            if transform?.size != size {
                transform = FourierTransform(size: size)
                real = [Double](repeating: 0, count: size)
                imaginary = [Double](repeating: 0, count: size)
            } else {
                real.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
                imaginary.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
            }
            return transform!
        }
    }

    /// Autocovariances of `first` and, when given, `second` (of equal length) from one transform.
    private static func pair(_ first: ArraySlice<Double>, _ second: ArraySlice<Double>?,
                             workspace: inout Workspace) -> ([Double], [Double]) {
        let n = first.count
        if n == 0 { return ([], []) }
        let size = FourierTransform.powerOfTwo(atLeast: 2 * n)
        let transform = workspace.prepare(size: size)

        let firstMean = mean(first)
        for (offset, value) in first.enumerated() { workspace.real[offset] = value - firstMean }
        if let second {
            let secondMean = mean(second)
            for (offset, value) in second.enumerated() { workspace.imaginary[offset] = value - secondMean }
        }
        transform.transform(real: &workspace.real, imaginary: &workspace.imaginary, inverse: false)

        // Z = X + iY with X, Y the transforms of the two real series:
        // X[k] = (Z[k] + conj Z[-k]) / 2 and Y[k] = (Z[k] - conj Z[-k]) / 2i.
        // Put |X[k]|² in the real part and |Y[k]|² in the imaginary part, in
        // place: bins k and -k have the same power, so each pair is read once
        // and written twice.
        workspace.real.withUnsafeMutableBufferPointer { real in
            workspace.imaginary.withUnsafeMutableBufferPointer { imaginary in
                for k in 0...(size / 2) {
                    let mirror = (size - k) & (size - 1)
                    let xr = 0.5 * (real[k] + real[mirror])
                    let xi = 0.5 * (imaginary[k] - imaginary[mirror])
                    let yr = 0.5 * (imaginary[k] + imaginary[mirror])
                    let yi = -0.5 * (real[k] - real[mirror])
                    let firstPower = xr * xr + xi * xi
                    let secondPower = yr * yr + yi * yi
                    real[k] = firstPower
                    real[mirror] = firstPower
                    imaginary[k] = secondPower
                    imaginary[mirror] = secondPower
                }
            }
        }
        transform.transform(real: &workspace.real, imaginary: &workspace.imaginary, inverse: true)

        let scale = 1 / Double(size) / Double(n)
        let firstCovariance = workspace.real[0..<n].map { $0 * scale }
        let secondCovariance = second == nil ? [] : workspace.imaginary[0..<n].map { $0 * scale }
        return (firstCovariance, secondCovariance)
    }

    private static func mean(_ values: ArraySlice<Double>) -> Double {
        values.reduce(0, +) / Double(values.count)
    }
}
