import PerpetualDiagnostics

/// The `--html` report: one self-contained page with the summary table and,
/// per parameter, SVG trace, rank, R-hat-against-draws and ESS-against-draws
/// plots; for an MD trace, total energy with its drift line, temperature and
/// pressure.
enum ReportHTML {
    /// Parameters drawn with plots; the table lists all of them.
    static let plottedParameterLimit = 24
    /// Points per chain in a trace plot; longer chains are thinned evenly.
    static let tracePointLimit = 1000
    /// Prefix lengths at which R-hat and ESS are recomputed.
    static let progressionPoints = 10
    static let rankBins = 20

    static func render(report: ConvergenceReport?, draws: [ChainMatrix]?, thermo: ThermoReport?, training: TrainingSummary? = nil) -> String {
        var body = ""
        if let report, let draws {
            body += summarySection(report)
            body += parameterSections(report, draws: draws)
        }
        if let thermo {
            body += thermoSection(thermo)
        }
        if let training {
            body += ReportTraining.html(training)
        }
        let title = "Convergence report: " + HTMLText.escape(report?.source ?? (thermo != nil ? "thermo output" : "training output"))
        return """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <title>\(title)</title>
        <style>
        body { font-family: sans-serif; margin: 1.5em; color: #222; }
        table { border-collapse: collapse; font-size: 13px; }
        th, td { padding: 2px 8px; text-align: right; border-bottom: 1px solid #ddd; }
        th:first-child, td:first-child { text-align: left; }
        tr.fail td { background: #fde2e2; }
        .plots { display: flex; flex-wrap: wrap; gap: 8px; }
        .verdict-ok { color: #006100; } .verdict-fail { color: #9c0006; }
        </style>
        </head>
        <body>
        <h1>\(title)</h1>
        \(body)
        </body>
        </html>

        """
    }

    private static func summarySection(_ report: ConvergenceReport) -> String {
        let failing = Dictionary(uniqueKeysWithValues: report.failures.map { ($0.name, $0.reasons) })
        var html = "<p>\(report.chainCount) chains × \(report.drawCount) draws, \(report.parameters.count) parameters. "
        html += "Criteria: R-hat &lt; \(NumberFormat.short(report.criteria.rhatThreshold)), bulk and tail ESS ≥ \(NumberFormat.count(report.criteria.essThreshold)).</p>\n"
        html += report.isConverged
            ? "<p class=\"verdict-ok\"><strong>Converged:</strong> every parameter meets the criteria.</p>\n"
            : "<p class=\"verdict-fail\"><strong>Not converged:</strong> \(failing.count) parameters fail the criteria (highlighted).</p>\n"
        html += "<table>\n<tr>" + ["parameter", "mean", "sd", "median", "5%", "95%", "mcse_mean", "mcse_sd", "r_hat", "ess_bulk", "ess_tail", "failures"]
            .map { "<th>\($0)</th>" }.joined() + "</tr>\n"
        for p in report.parameters {
            let cells = [HTMLText.escape(p.name), NumberFormat.short(p.mean), NumberFormat.short(p.sd), NumberFormat.short(p.median),
                         NumberFormat.short(p.quantile05), NumberFormat.short(p.quantile95), NumberFormat.short(p.mcseMean),
                         NumberFormat.short(p.mcseSD), NumberFormat.short(p.rhat), NumberFormat.count(p.essBulk),
                         NumberFormat.count(p.essTail), HTMLText.escape(failing[p.name]?.joined(separator: "; ") ?? "")]
            html += "<tr\(failing[p.name] == nil ? "" : " class=\"fail\"")>" + cells.map { "<td>\($0)</td>" }.joined() + "</tr>\n"
        }
        html += "</table>\n"
        let notes = report.notes + report.parameters.flatMap { $0.notes.map(\.message) }
        if !notes.isEmpty {
            html += "<h2>Notes</h2>\n<ul>\n" + notes.map { "<li>\(HTMLText.escape($0))</li>\n" }.joined() + "</ul>\n"
        }
        return html
    }

    private static func parameterSections(_ report: ConvergenceReport, draws: [ChainMatrix]) -> String {
        var html = ""
        let shown = min(report.parameters.count, plottedParameterLimit)
        if shown < report.parameters.count {
            html += "<p>Plots are shown for the first \(shown) of \(report.parameters.count) parameters.</p>\n"
        }
        for (summary, matrix) in zip(report.parameters, draws).prefix(shown) {
            html += "<h2>\(HTMLText.escape(summary.name))</h2>\n<div class=\"plots\">\n"
            html += tracePlot(summary.name, matrix).render()
            if matrix.values.allSatisfy(\.isFinite), matrix.drawCount >= ParameterSummary.minimumDraws {
                html += rankPlot(summary.name, matrix).render()
                let (rhat, ess) = progressionPlots(summary.name, matrix, criteria: report.criteria)
                html += rhat.render() + ess.render()
            }
            html += "</div>\n"
        }
        return html
    }

    static func tracePlot(_ name: String, _ matrix: ChainMatrix) -> SVGChart {
        let stride = max(1, (matrix.drawCount + tracePointLimit - 1) / tracePointLimit)
        let series = (0..<matrix.chainCount).map { chain in
            let draws = matrix.chain(chain)
            let points = Swift.stride(from: 0, to: matrix.drawCount, by: stride).map { (x: Double($0), y: draws[draws.startIndex + $0]) }
            return SVGChart.Series(label: "chain \(chain)", points: points)
        }
        return SVGChart(title: "Trace: \(name)", xLabel: "draw", yLabel: name, series: series)
    }

    static func rankPlot(_ name: String, _ matrix: ChainMatrix) -> SVGChart {
        let counts = RankHistogram.counts(matrix, binCount: rankBins)
        // Bars of chain c sit in slot c of each bin, so chains stand side by side.
        let slot = 1.0 / Double(matrix.chainCount)
        let series = counts.enumerated().map { chain, bins in
            var points: [(x: Double, y: Double)] = []
            for (bin, count) in bins.enumerated() {
                let left = Double(bin) + Double(chain) * slot
                points.append((left, Double(count)))
                points.append((left + slot, Double(count)))
            }
            return SVGChart.Series(label: "chain \(chain)", points: points)
        }
        let expected = Double(matrix.drawCount) / Double(rankBins)
        var chart = SVGChart(title: "Rank plot: \(name)", xLabel: "rank bin (all chains ranked together)", yLabel: "draws", series: series, referenceY: expected)
        chart.bars = true
        return chart
    }

    static func progressionPlots(_ name: String, _ matrix: ChainMatrix, criteria: ConvergenceCriteria) -> (SVGChart, SVGChart) {
        var rhat: [(x: Double, y: Double)] = []
        var bulk: [(x: Double, y: Double)] = []
        var tail: [(x: Double, y: Double)] = []
        for point in 1...progressionPoints {
            let draws = matrix.drawCount * point / progressionPoints
            guard draws >= ParameterSummary.minimumDraws else { continue }
            let summary = ParameterSummary.compute(name: name, matrix: matrix.prefix(draws: draws))
            if let value = summary.rhat { rhat.append((Double(draws), value)) }
            if let value = summary.essBulk { bulk.append((Double(draws), value)) }
            if let value = summary.essTail { tail.append((Double(draws), value)) }
        }
        let rhatChart = SVGChart(title: "R-hat against draws: \(name)", xLabel: "draws per chain", yLabel: "R-hat",
                                 series: [SVGChart.Series(label: "R-hat", points: rhat)], referenceY: criteria.rhatThreshold)
        let essChart = SVGChart(title: "ESS against draws: \(name)", xLabel: "draws per chain", yLabel: "ESS",
                                series: [SVGChart.Series(label: "bulk", points: bulk), SVGChart.Series(label: "tail", points: tail)],
                                referenceY: criteria.essThreshold)
        return (rhatChart, essChart)
    }

    private static func thermoSection(_ thermo: ThermoReport) -> String {
        var html = "<h2>Thermodynamic output</h2>\n<table>\n<tr><th>quantity</th><th>mean</th><th>block error</th><th>blocks</th></tr>\n"
        for (name, average) in thermo.summary.averages {
            html += "<tr><td>\(HTMLText.escape(name))</td><td>\(NumberFormat.short(average.mean))</td><td>\(NumberFormat.short(average.standardError))</td><td>\(average.blockCount)</td></tr>\n"
        }
        html += "</table>\n"
        if let drift = thermo.summary.drift {
            html += "<p>Energy drift per atom per unit time: \(NumberFormat.short(drift.slopePerAtom)) ± \(NumberFormat.short(drift.standardErrorPerAtom)) (\(drift.blockCount) blocks).</p>\n"
        }
        if !thermo.notes.isEmpty {
            html += "<ul>\n" + thermo.notes.map { "<li>\(HTMLText.escape($0))</li>\n" }.joined() + "</ul>\n"
        }
        html += "<div class=\"plots\">\n"
        let stride = max(1, (thermo.time.count + tracePointLimit - 1) / tracePointLimit)
        for name in ThermoSummary.variableNames {
            guard let values = thermo.series[name] else { continue }
            let points = Swift.stride(from: 0, to: values.count, by: stride).map { (x: thermo.time[$0], y: values[$0]) }
            var series = [SVGChart.Series(label: name, points: points)]
            if name == "total_energy", let drift = thermo.summary.drift, let first = thermo.time.first, let last = thermo.time.last {
                series.append(driftLine(values: values, time: thermo.time, slope: drift.slopePerAtom * Double(thermo.atomCount), from: first, to: last))
            }
            html += SVGChart(title: name, xLabel: "time", yLabel: name, series: series).render()
        }
        html += "</div>\n"
        return html
    }

    /// The least-squares line through the mean point with the fitted slope.
    private static func driftLine(values: [Double], time: [Double], slope: Double, from first: Double, to last: Double) -> SVGChart.Series {
        let meanTime = time.reduce(0, +) / Double(time.count)
        let meanValue = values.reduce(0, +) / Double(values.count)
        let line = { (t: Double) in meanValue + slope * (t - meanTime) }
        return SVGChart.Series(label: "drift fit", points: [(first, line(first)), (last, line(last))])
    }
}
