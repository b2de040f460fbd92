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
    /// variable if there is one. A Perpetual MD trace has a `step` variable
    /// instead, so its axis is step × `timestep`, or the step. Any other
    /// trace uses row index × `timestep`, or the row index (with a note).
    ///
    /// A Perpetual MD trace stores energies per atom already, so `atoms` is
    /// not applied to it: dividing again would make the drift N times too
    /// small.
    static func make(series: [String: [Double]], time: [Double]?, atoms: Int?, timestep: Double?, source: String) throws -> ThermoReport {
        var notes: [String] = []
        let rowCount = series.values.first?.count ?? time?.count ?? 0
        let steps = series["step"]
        let axis: [Double]
        if let time {
            axis = time
        } else if let steps {
            if let timestep {
                axis = steps.map { $0 * timestep }
            } else {
                axis = steps
                notes.append("no --timestep was given; the drift is per MD step, not per unit time (give the run's --dt)")
            }
        } else if let timestep {
            axis = (0..<rowCount).map { Double($0) * timestep }
        } else {
            axis = (0..<rowCount).map(Double.init)
            notes.append("the trace has no 'time' variable and no --timestep was given; the drift is per row, not per unit time")
        }

        var atomCount = atoms ?? 1
        if steps != nil {
            if atoms != nil {
                notes.append("energies in a Perpetual MD trace are per atom already; --atoms is ignored")
            }
            atomCount = 1
        } else if atoms == nil {
            notes.append("no --atoms was given; the energy drift is that of the whole system, not per atom")
        }
        let summary = try ThermoSummary(series: series, time: axis, atomCount: atomCount, source: source)
        if summary.drift == nil {
            notes.append("too few rows (\(rowCount)) for the energy drift, or no 'total_energy' variable; it needs at least 10 rows")
        }
        return ThermoReport(summary: summary, notes: notes, time: axis, series: series, atomCount: atomCount)
    }
}
