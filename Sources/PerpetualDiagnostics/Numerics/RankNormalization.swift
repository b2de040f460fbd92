/// Rank normalisation of Vehtari et al. (2021), as ArviZ's `_z_scale`
/// implements it.
enum RankNormalization {
    /// Blom's fractional offset `c = 3/8` in `(r - c) / (S - 2c + 1)`.
    static let blomOffset = 3.0 / 8.0

    /// Returns the rank of each value among all `values`, from 1, with tied
    /// values given the average of their ranks (SciPy's `rankdata` with
    /// `method="average"`).
    static func averageRanks(_ values: [Double]) -> [Double] {
        // Sorting (value, index) pairs in one array is several times faster
        // than sorting indices through a closure that reads `values`.
        var order = values.enumerated().map { (value: $0.element, index: $0.offset) }
        order.sort { $0.value < $1.value }
        var ranks = [Double](repeating: 0, count: values.count)
        var start = 0
        while start < order.count {
            var end = start + 1
            while end < order.count, order[end].value == order[start].value {
                end += 1
            }
            // Positions start..<end contain equal values with ranks start+1 … end.
            let average = Double(start + 1 + end) / 2
            for position in start..<end {
                ranks[order[position].index] = average
            }
            start = end
        }
        return ranks
    }

    /// Replaces each value by `Φ⁻¹((r - 3/8) / (S + 1/4))`, where `r` is its
    /// average rank among all `S` values. Values must be finite.
    static func zScores(_ values: [Double]) -> [Double] {
        let ranks = averageRanks(values)
        let size = Double(values.count)
        return ranks.map { rank in
            NormalDistribution.quantile((rank - blomOffset) / (size - 2 * blomOffset + 1))
        }
    }
}
