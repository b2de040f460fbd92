/// Mean of a correlated time series with its standard error from block
/// averages (Flyvbjerg & Petersen 1989): the series is cut into `blockCount`
/// equal consecutive blocks (trailing rows that do not fill a block are left
/// out), and the error is the standard deviation of the block means over
/// `√blockCount`. Blocks much longer than the correlation time make the
/// block means nearly independent; too few rows per block underestimate the
/// error.
public struct BlockAverage: Sendable, Equatable {
    public var mean: Double
    public var standardError: Double
    public var blockCount: Int
    /// Rows in each block.
    public var blockLength: Int

    /// Returns `nil` when `values` has fewer than `blockCount` rows or `blockCount < 2`.
    public init?(_ values: [Double], blockCount: Int) {
        guard blockCount >= 2, values.count >= blockCount else { return nil }
        let length = values.count / blockCount
        let means = Self.blockMeans(values, blockCount: blockCount)
        self.blockCount = blockCount
        self.blockLength = length
        self.mean = SampleStatistics.mean(values)
        self.standardError = (SampleStatistics.variance(means, ddof: 1) / Double(blockCount)).squareRoot()
    }

    /// Means of `blockCount` consecutive blocks of `values.count / blockCount` rows.
    static func blockMeans(_ values: [Double], blockCount: Int) -> [Double] {
        let length = values.count / blockCount
        return (0..<blockCount).map { block in
            SampleStatistics.mean(values[(block * length)..<((block + 1) * length)])
        }
    }
}
