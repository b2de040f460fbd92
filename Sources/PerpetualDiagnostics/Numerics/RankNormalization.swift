import Foundation

/// Rank normalisation of Vehtari et al. (2021), as ArviZ's `_z_scale`
/// implements it.
enum RankNormalization {
    /// Blom's fractional offset `c = 3/8` in `(r - c) / (S - 2c + 1)`.
    static let blomOffset = 3.0 / 8.0

    /// Returns the rank of each value among all `values`, from 1, with tied
    /// values given the average of their ranks (SciPy's `rankdata` with
    /// `method="average"`).
    static func averageRanks(_ values: [Double]) -> [Double] {
        let order = SortedOrder(values)
        var ranks = [Double](repeating: 0, count: values.count)
        order.forEachTieGroup { group in
            // Positions start..<end contain equal values with ranks start+1 … end.
            let average = Double(group.lowerBound + 1 + group.upperBound) / 2
            for position in group {
                ranks[Int(order.indices[position])] = average
            }
        }
        return ranks
    }

    /// Replaces each value by `Φ⁻¹((r - 3/8) / (S + 1/4))`, where `r` is its
    /// average rank among all `S` values. Values must be finite.
    static func zScores(_ values: [Double]) -> [Double] {
        zScores(SortedOrder(values))
    }

    /// ``zScores(_:)`` of the values that `order` sorts, placed at their
    /// input positions.
    ///
    /// A value without ties takes its score from ``NormalScoreTable``, so
    /// that the inverse normal is evaluated once per rank for all parameters
    /// of a report rather than twice per draw and parameter. Tied values
    /// share the score of their average rank.
    static func zScores(_ order: SortedOrder) -> [Double] {
        let size = order.values.count
        let table = NormalScoreTable.scores(count: size)
        var scores = [Double](repeating: 0, count: size)
        order.forEachTieGroup { group in
            let score: Double
            if group.count == 1 {
                score = table[group.lowerBound]
            } else {
                let average = Double(group.lowerBound + 1 + group.upperBound) / 2
                score = normalScore(rank: average, size: size)
            }
            for position in group {
                scores[Int(order.indices[position])] = score
            }
        }
        return scores
    }

    /// `Φ⁻¹((rank - 3/8) / (size + 1/4))`.
    static func normalScore(rank: Double, size: Int) -> Double {
        NormalDistribution.quantile((rank - blomOffset) / (Double(size) - 2 * blomOffset + 1))
    }
}

/// Normal scores of the whole ranks `1…S` for the last size `S` asked for.
/// Every parameter of one report has the same draw count, so the table is
/// computed once per report. Safe to call from several threads.
enum NormalScoreTable {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var cached: [Double] = []

    /// Returns `RankNormalization.normalScore(rank: r, size: count)` for `r = 1…count`.
    static func scores(count: Int) -> [Double] {
        lock.lock()
        defer { lock.unlock() }
        if cached.count != count {
            cached = (0..<count).map { RankNormalization.normalScore(rank: Double($0 + 1), size: count) }
        }
        return cached
    }
}
