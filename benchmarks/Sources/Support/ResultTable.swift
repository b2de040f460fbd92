import Foundation

/// One benchmark's results as a Markdown table of median, minimum and
/// maximum over the repetitions, with notes printed below it.
struct ResultTable {
    struct Row {
        var measurement: String
        var summary: Summary
        var unit: String
    }

    let title: String
    private(set) var rows: [Row] = []
    private(set) var notes: [String] = []

    init(title: String) {
        self.title = title
    }

    mutating func add(_ measurement: String, _ summary: Summary, unit: String) {
        rows.append(Row(measurement: measurement, summary: summary, unit: unit))
    }

    mutating func note(_ text: String) {
        notes.append(text)
    }

    /// Returns the table as Markdown text, one line per row.
    func render() -> String {
        var lines = ["### \(title)", "", "| measurement | median | min | max | unit |", "|---|---:|---:|---:|---|"]
        for row in rows {
            let summary = row.summary
            lines.append("| \(row.measurement) | \(Self.format(summary.median)) | \(Self.format(summary.minimum)) | \(Self.format(summary.maximum)) | \(row.unit) |")
        }
        if !notes.isEmpty {
            lines.append("")
            lines.append(contentsOf: notes.map { "- \($0)" })
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Formats a value with three or four significant digits and no exponent
    /// down to 0.001.
    static func format(_ value: Double) -> String {
        let magnitude = abs(value)
        if magnitude >= 1000 { return String(format: "%.0f", value) }
        if magnitude >= 100 { return String(format: "%.1f", value) }
        if magnitude >= 1 || magnitude == 0 { return String(format: "%.2f", value) }
        if magnitude >= 0.001 { return String(format: "%.3f", value) }
        return String(format: "%.3g", value)
    }
}
