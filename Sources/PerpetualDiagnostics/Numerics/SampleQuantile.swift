/// Sample quantiles by linear interpolation between order statistics (type 7
/// of Hyndman & Fan 1996). The two functions compute the same value but round
/// like the two libraries ArviZ relies on, so that a quantile that decides
/// which draws fall below it agrees with ArviZ bit for bit.
enum SampleQuantile {
    /// Returns the `probability` quantile of `sorted` (ascending, not empty)
    /// as numpy's `quantile` rounds it: with `h = (n - 1) p`, `j = ⌊h⌋`,
    /// `g = h - j`, the value `x[j] + g (x[j+1] - x[j])` for `g < 0.5` and
    /// `x[j+1] - (1 - g)(x[j+1] - x[j])` otherwise.
    static func of(sorted: [Double], probability: Double) -> Double {
        precondition(!sorted.isEmpty, "SampleQuantile needs at least one value")
        let position = Double(sorted.count - 1) * probability
        let lower = Int(position.rounded(.down))
        if lower + 1 >= sorted.count { return sorted[sorted.count - 1] }
        let fraction = position - Double(lower)
        let difference = sorted[lower + 1] - sorted[lower]
        return fraction < 0.5
            ? sorted[lower] + difference * fraction
            : sorted[lower + 1] - difference * (1 - fraction)
    }

    /// Returns the median as numpy's `median` rounds it: the middle value, or
    /// the mean `(a + b) / 2` of the two middle values.
    static func median(sorted: [Double]) -> Double {
        precondition(!sorted.isEmpty, "SampleQuantile.median needs at least one value")
        let middle = sorted.count / 2
        if sorted.count % 2 == 1 { return sorted[middle] }
        return (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// Returns the `probability` quantile as SciPy's `mstats.mquantiles` with
    /// `alphap = betap = 1` rounds it (ArviZ's `_quantile`): with
    /// `a = n p + (1 - p)`, `k = ⌊a⌋` clipped to `1…n-1` and `g = a - k`
    /// clipped to `0…1`, the value `(1 - g) x[k-1] + g x[k]`.
    static func mquantile(sorted: [Double], probability: Double) -> Double {
        precondition(!sorted.isEmpty, "SampleQuantile.mquantile needs at least one value")
        let n = sorted.count
        if n == 1 { return sorted[0] }
        let aleph = Double(n) * probability + (1 - probability)
        let k = Int(min(max(aleph, 1), Double(n - 1)).rounded(.down))
        let gamma = min(max(aleph - Double(k), 0), 1)
        return (1 - gamma) * sorted[k - 1] + gamma * sorted[k]
    }
}
