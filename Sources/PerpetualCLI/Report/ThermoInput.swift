import PerpetualDiagnostics

/// Thermo diagnostics of an MD trace and the notes on what was assumed.
struct ThermoReport {
    var summary: ThermoSummary
    var notes: [String]
    /// Time of each row, for plots.
    var time: [Double]
    var series: [String: [Double]]
    /// Atoms the drift was divided by (1 when `--atoms` was not given).
    var atomCount: Int

    /// Summarises the `thermo` series. The time axis is the trace's `time`
    /// variable, else row index × `timestep`, else the row index (with a note).
    static func make(series: [String: [Double]], time: [Double]?, atoms: Int?, timestep: Double?, source: String) throws -> ThermoReport {
        var notes: [String] = []
        let rowCount = series.values.first?.count ?? time?.count ?? 0
        let axis: [Double]
        if let time {
            axis = time
        } else if let timestep {
            axis = (0..<rowCount).map { Double($0) * timestep }
        } else {
            axis = (0..<rowCount).map(Double.init)
            notes.append("the trace has no 'time' variable and no --timestep was given; the drift is per row, not per unit time")
        }
        if atoms == nil {
            notes.append("no --atoms was given; the energy drift is that of the whole system, not per atom")
        }
        let summary = try ThermoSummary(series: series, time: axis, atomCount: atoms ?? 1, source: source)
        if summary.drift == nil {
            notes.append("too few rows (\(rowCount)) or no 'total_energy' variable for the energy drift; it needs at least 10 rows")
        }
        return ThermoReport(summary: summary, notes: notes, time: axis, series: series, atomCount: atoms ?? 1)
    }
}
