import PerpetualDiagnostics

/// The terminal table of `simrun report`: one row per parameter, a `!` in
/// front of each that fails the criteria, then notes and the verdict.
enum ReportTable {
    static let headers = ["", "parameter", "mean", "sd", "median", "5%", "95%", "mcse_mean", "mcse_sd", "r_hat", "ess_bulk", "ess_tail"]

    static func render(_ report: ConvergenceReport?, thermo: ThermoReport?, training: TrainingSummary? = nil) -> String {
        var text = ""
        if let report {
            text += renderDraws(report)
        }
        if let thermo {
            if !text.isEmpty { text += "\n" }
            text += renderThermo(thermo)
        }
        if let training {
            if !text.isEmpty { text += "\n" }
            text += ReportTraining.table(training)
        }
        return text
    }

    private static func renderDraws(_ report: ConvergenceReport) -> String {
        let failing = Set(report.failures.map(\.name))
        let rows = report.parameters.map { p -> [String] in
            [failing.contains(p.name) ? "!" : "", p.name,
             NumberFormat.short(p.mean), NumberFormat.short(p.sd), NumberFormat.short(p.median),
             NumberFormat.short(p.quantile05), NumberFormat.short(p.quantile95),
             NumberFormat.short(p.mcseMean), NumberFormat.short(p.mcseSD), NumberFormat.short(p.rhat),
             NumberFormat.count(p.essBulk), NumberFormat.count(p.essTail)]
        }
        var text = "\(report.source): \(counted(report.chainCount, "chain")) × \(counted(report.drawCount, "draw")), \(counted(report.parameters.count, "parameter"))\n\n"
        text += alignedColumns([headers] + rows)

        let notes = report.notes + report.parameters.flatMap { $0.notes.map(\.message) }
        if !notes.isEmpty {
            text += "\nNotes:\n" + notes.map { "  - \($0)\n" }.joined()
        }
        let criteria = "R-hat < \(NumberFormat.short(report.criteria.rhatThreshold)), bulk and tail ESS ≥ \(NumberFormat.count(report.criteria.essThreshold))"
        if report.isConverged {
            text += "\nConverged: every parameter meets \(criteria).\n"
        } else {
            text += "\nNot converged (\(criteria)):\n"
            text += report.failures.map { "  ! \($0.name): \($0.reasons.joined(separator: ", "))\n" }.joined()
        }
        return text
    }

    private static func renderThermo(_ thermo: ThermoReport) -> String {
        var rows = [["quantity", "mean", "block error", "blocks"]]
        for (name, average) in thermo.summary.averages {
            rows.append([name, NumberFormat.short(average.mean), NumberFormat.short(average.standardError), String(average.blockCount)])
        }
        var text = "Thermo output: \(thermo.summary.rowCount) rows\n\n" + alignedColumns(rows)
        if let drift = thermo.summary.drift {
            text += "\nEnergy drift per atom per unit time: \(NumberFormat.short(drift.slopePerAtom)) ± \(NumberFormat.short(drift.standardErrorPerAtom)) (\(drift.blockCount) blocks)\n"
        }
        if !thermo.notes.isEmpty {
            text += "\nNotes:\n" + thermo.notes.map { "  - \($0)\n" }.joined()
        }
        return text
    }

    /// `1 chain`, `4 chains`.
    static func counted(_ count: Int, _ noun: String) -> String {
        count == 1 ? "1 \(noun)" : "\(count) \(noun)s"
    }

    /// Left-aligns the first two columns and right-aligns the others.
    static func alignedColumns(_ rows: [[String]]) -> String {
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return column < 2 ? cell + padding : padding + cell
            }.joined(separator: "  ").trimmingTrailingSpaces() + "\n"
        }.joined()
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var text = Substring(self)
        while text.last == " " { text.removeLast() }
        return String(text)
    }
}
