/// Counts for a rank plot (Vehtari et al. 2021, section 4.1): the draws of
/// all chains are ranked together, and each chain's ranks are counted in
/// equal-width bins. Chains from the same distribution give flat, similar
/// histograms.
public enum RankHistogram {
    /// Returns `counts[chain][bin]` for `binCount` bins over ranks `1…S`.
    public static func counts(_ matrix: ChainMatrix, binCount: Int) -> [[Int]] {
        precondition(binCount > 0, "RankHistogram needs at least one bin, got \(binCount)")
        let ranks = RankNormalization.averageRanks(matrix.values)
        let size = Double(matrix.values.count)
        var counts = [[Int]](repeating: [Int](repeating: 0, count: binCount), count: matrix.chainCount)
        for (index, rank) in ranks.enumerated() {
            let bin = min(Int((rank - 1) / size * Double(binCount)), binCount - 1)
            counts[index / matrix.drawCount][bin] += 1
        }
        return counts
    }
}

extension ChainMatrix {
    /// The first `count` draws of every chain.
    public func prefix(draws count: Int) -> ChainMatrix {
        precondition(count <= drawCount, "ChainMatrix.prefix(draws: \(count)) of chains with \(drawCount) draws")
        return ChainMatrix(chains: (0..<chainCount).map { Array(chain($0).prefix(count)) })
    }
}
