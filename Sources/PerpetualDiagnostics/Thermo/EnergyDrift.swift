/// Drift of the total energy of an MD run: the least-squares slope of total
/// energy against time, per atom, with an uncertainty from block averages.
///
/// The slope is fitted to all rows. Its standard error comes from the
/// straight-line fit to the `blockCount` block means `(t̄_b, Ē_b)`, which are
/// nearly independent when blocks are longer than the correlation time:
/// `s / √Σ(t̄_b - t̄)²` with `s² = Σ residual² / (blockCount - 2)`. Both are
/// divided by the atom count. Units: the trace's energy unit per atom per
/// its time unit.
public struct EnergyDrift: Sendable, Equatable {
    /// Slope of total energy per atom against time.
    public var slopePerAtom: Double
    /// Standard error of ``slopePerAtom`` from the block means.
    public var standardErrorPerAtom: Double
    public var blockCount: Int

    /// Returns `nil` when there are fewer than `blockCount` rows, fewer than 3
    /// blocks, or the times do not vary.
    public init?(time: [Double], totalEnergy: [Double], atomCount: Int, blockCount: Int) {
        precondition(time.count == totalEnergy.count, "EnergyDrift needs one time per energy, got \(time.count) and \(totalEnergy.count)")
        precondition(atomCount > 0, "EnergyDrift needs a positive atom count, got \(atomCount)")
        guard blockCount >= 3, time.count >= blockCount,
              let slope = Self.leastSquaresSlope(x: time, y: totalEnergy) else { return nil }
        let blockTimes = BlockAverage.blockMeans(time, blockCount: blockCount)
        let blockEnergies = BlockAverage.blockMeans(totalEnergy, blockCount: blockCount)
        guard let blockFit = Self.leastSquaresSlope(x: blockTimes, y: blockEnergies) else { return nil }

        let timeMean = SampleStatistics.mean(blockTimes)
        let energyMean = SampleStatistics.mean(blockEnergies)
        var residualSquares = 0.0
        var spread = 0.0
        for (t, e) in zip(blockTimes, blockEnergies) {
            let residual = e - (energyMean + blockFit * (t - timeMean))
            residualSquares += residual * residual
            spread += (t - timeMean) * (t - timeMean)
        }
        let standardError = (residualSquares / Double(blockCount - 2) / spread).squareRoot()
        self.slopePerAtom = slope / Double(atomCount)
        self.standardErrorPerAtom = standardError / Double(atomCount)
        self.blockCount = blockCount
    }

    /// Ordinary least-squares slope `Σ(x - x̄)(y - ȳ) / Σ(x - x̄)²`, or `nil` when `x` is constant.
    static func leastSquaresSlope(x: [Double], y: [Double]) -> Double? {
        let xMean = SampleStatistics.mean(x)
        let yMean = SampleStatistics.mean(y)
        var covariance = 0.0
        var spread = 0.0
        for (xi, yi) in zip(x, y) {
            covariance += (xi - xMean) * (yi - yMean)
            spread += (xi - xMean) * (xi - xMean)
        }
        return spread > 0 ? covariance / spread : nil
    }
}
