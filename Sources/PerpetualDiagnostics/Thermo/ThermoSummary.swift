/// Diagnostics of an MD trace's thermodynamic output: energy drift and the
/// block-averaged means of temperature, pressure and the energies.
public struct ThermoSummary: Sendable, Equatable {
    /// Names of the variables in an MD trace's `thermo` group, whose rows
    /// accumulate along `step`.
    public static let variableNames = ["temperature", "potential_energy", "kinetic_energy", "total_energy", "pressure"]

    public var rowCount: Int
    /// Block average of each variable present, in ``variableNames`` order.
    public var averages: [(name: String, average: BlockAverage)]
    /// `nil` when there is no `total_energy` or too few rows.
    public var drift: EnergyDrift?

    /// Summarises the thermo series `series` (by name), sampled at `time`.
    /// - Throws: ``DiagnosticsError`` `.invalidThermo` when a series differs in
    ///   length from `time`.
    public init(series: [String: [Double]], time: [Double], atomCount: Int, blockCount: Int = 10, source: String) throws {
        for (name, values) in series where values.count != time.count {
            throw DiagnosticsError(.invalidThermo, source: source, detail: "thermo variable '\(name)' has \(values.count) rows, the time axis \(time.count)")
        }
        rowCount = time.count
        averages = Self.variableNames.compactMap { name in
            guard let values = series[name], let average = BlockAverage(values, blockCount: blockCount) else { return nil }
            return (name, average)
        }
        drift = series["total_energy"].flatMap {
            EnergyDrift(time: time, totalEnergy: $0, atomCount: atomCount, blockCount: blockCount)
        }
    }

    public static func == (lhs: ThermoSummary, rhs: ThermoSummary) -> Bool {
        lhs.rowCount == rhs.rowCount && lhs.drift == rhs.drift
            && lhs.averages.map(\.name) == rhs.averages.map(\.name)
            && lhs.averages.map(\.average) == rhs.averages.map(\.average)
    }
}
