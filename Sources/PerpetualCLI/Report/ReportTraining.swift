import PerpetualDiagnostics

/// The training section of `simrun report` in each output format: loss and
/// accuracy curves by epoch and the best epoch (see ``TrainingSummary``).
enum ReportTraining {
    /// Rows the terminal table shows at most; longer runs are thinned
    /// evenly, always keeping the first, the best and the last epoch.
    static let tableRowLimit = 20

    /// Renders the terminal section: a table of epochs, the best and the last epoch, and notes.
    static func table(_ training: TrainingSummary) -> String {
        let names = TrainingSummary.curveNames.filter { training.curves[$0] != nil }
        var rows = [["", "epoch"] + names]
        for row in shownRows(training) {
            let marker = row == training.bestRow ? "*" : ""
            rows.append([marker, TrainingSummary.label(training.epochs[row])] + names.map { NumberFormat.short(training.curves[$0]?[row]) })
        }
        var text = "Training: \(ReportTable.counted(training.epochCount, "epoch"))\n\n" + ReportTable.alignedColumns(rows)
        if training.epochCount > rows.count - 1 {
            text += "(\(rows.count - 1) of \(training.epochCount) epochs shown; --csv lists all)\n"
        }
        text += "\n" + bestEpochSentence(training) + "\n"
        if !training.notes.isEmpty {
            text += "\nNotes:\n" + training.notes.map { "  - \($0)\n" }.joined()
        }
        return text
    }

    /// Renders the `training` object of the JSON output.
    static func json(_ training: TrainingSummary) -> String {
        var curves: [(String, String)] = [("epoch", ReportJSON.array(training.epochs.map { ReportJSON.number($0) }))]
        for name in TrainingSummary.curveNames {
            guard let values = training.curves[name] else { continue }
            curves.append((name, ReportJSON.array(values.map { ReportJSON.number($0) })))
        }
        let best: String
        if let bestRow = training.bestRow, let criterion = training.bestCriterion {
            best = ReportJSON.object([("epoch", ReportJSON.number(training.epochs[bestRow])), ("chosen_by", ReportJSON.string(criterion))]
                + TrainingSummary.curveNames.compactMap { name in training.curves[name].map { (name, ReportJSON.number($0[bestRow])) } })
        } else {
            best = "null"
        }
        return ReportJSON.object([
            ("epochs", String(training.epochCount)),
            ("best", best),
            ("curves", ReportJSON.object(curves)),
            ("notes", ReportJSON.array(training.notes.map(ReportJSON.string))),
        ])
    }

    /// Renders the `--csv` output of a training trace: one row per epoch, full
    /// precision, `best` true on the best epoch.
    static func csv(_ training: TrainingSummary) -> String {
        let names = TrainingSummary.curveNames.filter { training.curves[$0] != nil }
        var text = (["epoch"] + names + ["best"]).joined(separator: ",") + "\n"
        for row in training.epochs.indices {
            let values = names.map { NumberFormat.exact(training.curves[$0]![row]) }
            text += ([NumberFormat.exact(training.epochs[row])] + values + [row == training.bestRow ? "true" : "false"]).joined(separator: ",") + "\n"
        }
        return text
    }

    /// Renders the HTML section: the best-epoch sentence, notes, and SVG plots of the
    /// losses and of the accuracy, with a dashed line at the best epoch.
    static func html(_ training: TrainingSummary) -> String {
        var html = "<h2>Training</h2>\n<p>\(training.epochCount) epochs. \(HTMLText.escape(bestEpochSentence(training)))</p>\n"
        if !training.notes.isEmpty {
            html += "<ul>\n" + training.notes.map { "<li>\(HTMLText.escape($0))</li>\n" }.joined() + "</ul>\n"
        }
        html += "<div class=\"plots\">\n"
        let losses = ["train_loss", "holdout_loss"].compactMap { name in
            training.curves[name].map { SVGChart.Series(label: name, points: points(training.epochs, $0)) }
        }
        if !losses.isEmpty {
            var chart = SVGChart(title: "Loss by epoch", xLabel: "epoch", yLabel: "cross-entropy (nats)", series: losses)
            chart.referenceX = training.bestEpoch
            html += chart.render()
        }
        if let accuracy = training.curves["holdout_accuracy"] {
            var chart = SVGChart(title: "Holdout accuracy by epoch", xLabel: "epoch", yLabel: "accuracy",
                                 series: [SVGChart.Series(label: "holdout_accuracy", points: points(training.epochs, accuracy))])
            chart.referenceX = training.bestEpoch
            html += chart.render()
        }
        html += "</div>\n"
        return html
    }

    /// Returns `Best epoch 14 (lowest holdout_loss): …`, or why there is none.
    static func bestEpochSentence(_ training: TrainingSummary) -> String {
        guard let bestRow = training.bestRow, let criterion = training.bestCriterion else {
            return "No best epoch: every value of every curve is NaN or infinite."
        }
        let direction = criterion == "holdout_accuracy" ? "highest" : "lowest"
        let values = TrainingSummary.curveNames.compactMap { name in
            training.curves[name].map { "\(name) \(NumberFormat.short($0[bestRow]))" }
        }
        var sentence = "Best epoch \(TrainingSummary.label(training.epochs[bestRow])) (\(direction) \(criterion)): \(values.joined(separator: ", "))."
        if bestRow != training.epochCount - 1 {
            let last = training.epochCount - 1
            let lastValues = TrainingSummary.curveNames.compactMap { name in
                training.curves[name].map { "\(name) \(NumberFormat.short($0[last]))" }
            }
            sentence += " Last epoch \(TrainingSummary.label(training.epochs[last])): \(lastValues.joined(separator: ", "))."
        }
        return sentence
    }

    /// Returns the rows for the table: all, or an even selection plus the best and the last.
    static func shownRows(_ training: TrainingSummary) -> [Int] {
        let count = training.epochCount
        guard count > tableRowLimit else { return Array(0..<count) }
        var rows = Set((0..<(tableRowLimit - 2)).map { $0 * (count - 1) / (tableRowLimit - 3) })
        rows.insert(count - 1)
        if let best = training.bestRow { rows.insert(best) }
        return rows.sorted()
    }

    private static func points(_ epochs: [Double], _ values: [Double]) -> [(x: Double, y: Double)] {
        zip(epochs, values).map { (x: $0, y: $1) }
    }
}
