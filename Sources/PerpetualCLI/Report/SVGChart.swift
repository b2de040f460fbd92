import Foundation

/// A line or bar chart rendered as a standalone SVG element, with axes,
/// tick labels and an optional dashed reference line.
struct SVGChart {
    struct Series {
        var label: String
        var points: [(x: Double, y: Double)]
    }

    var title: String
    var xLabel: String
    var yLabel: String
    var series: [Series]
    /// Horizontal dashed line, for example an R-hat or ESS threshold.
    var referenceY: Double?
    /// Vertical dashed line, for example the best epoch of a training run.
    var referenceX: Double?
    /// Draw each series as bars instead of lines; points then come in pairs
    /// giving the left and right edge of each bar at its height.
    var bars = false

    static let width = 420.0
    static let height = 240.0
    static let margin = (left: 60.0, right: 12.0, top: 28.0, bottom: 40.0)
    /// Baseline of the title, and of the legend row below it.
    static let titleBaseline = 16.0
    static let legendBaseline = 32.0

    /// Space above the plot: the title, and the legend row when there is one.
    var topMargin: Double { series.count > 1 ? Self.margin.top + 14 : Self.margin.top }
    /// Colour-blind-safe palette (Okabe & Ito).
    static let colours = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]

    func render() -> String {
        var xs = series.flatMap { $0.points.map(\.x) }.filter(\.isFinite)
        if let referenceX { xs.append(referenceX) }
        var ys = series.flatMap { $0.points.map(\.y) }.filter(\.isFinite)
        if let referenceY { ys.append(referenceY) }
        if bars { ys.append(0) }
        let xRange = Self.range(xs)
        let yRange = Self.range(ys)
        let plotWidth = Self.width - Self.margin.left - Self.margin.right
        let top = topMargin
        let plotHeight = Self.height - top - Self.margin.bottom
        let px = { (x: Double) in Self.margin.left + (x - xRange.0) / (xRange.1 - xRange.0) * plotWidth }
        let py = { (y: Double) in top + (1 - (y - yRange.0) / (yRange.1 - yRange.0)) * plotHeight }

        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(Self.width))\" height=\"\(Int(Self.height))\" viewBox=\"0 0 \(Int(Self.width)) \(Int(Self.height))\" role=\"img\">\n"
        svg += "<title>\(HTMLText.escape(title))</title>\n"
        svg += "<text x=\"\(Self.margin.left)\" y=\"\(Self.titleBaseline)\" font-size=\"13\" font-weight=\"bold\">\(HTMLText.escape(title))</text>\n"
        svg += axes(xRange: xRange, yRange: yRange, px: px, py: py)
        if let referenceY {
            let y = Self.coordinate(py(referenceY))
            svg += "<line x1=\"\(Self.coordinate(px(xRange.0)))\" y1=\"\(y)\" x2=\"\(Self.coordinate(px(xRange.1)))\" y2=\"\(y)\" stroke=\"#C00000\" stroke-dasharray=\"5,4\"/>\n"
        }
        if let referenceX {
            let x = Self.coordinate(px(referenceX))
            svg += "<line x1=\"\(x)\" y1=\"\(Self.coordinate(py(yRange.1)))\" x2=\"\(x)\" y2=\"\(Self.coordinate(py(yRange.0)))\" stroke=\"#C00000\" stroke-dasharray=\"5,4\"/>\n"
        }
        for (index, line) in series.enumerated() {
            let colour = Self.colours[index % Self.colours.count]
            svg += bars ? barElements(line, colour: colour, px: px, py: py) : lineElement(line, colour: colour, px: px, py: py)
        }
        svg += legend()
        svg += "</svg>\n"
        return svg
    }

    private func lineElement(_ line: Series, colour: String, px: (Double) -> Double, py: (Double) -> Double) -> String {
        let points = line.points.filter { $0.x.isFinite && $0.y.isFinite }
            .map { "\(Self.coordinate(px($0.x))),\(Self.coordinate(py($0.y)))" }.joined(separator: " ")
        return "<polyline fill=\"none\" stroke=\"\(colour)\" stroke-width=\"1\" stroke-opacity=\"0.8\" points=\"\(points)\"/>\n"
    }

    /// Draws one bar per pair of points: `(left edge, height)`, `(right edge, height)`.
    private func barElements(_ line: Series, colour: String, px: (Double) -> Double, py: (Double) -> Double) -> String {
        var svg = ""
        for pair in stride(from: 0, to: line.points.count - 1, by: 2) {
            let left = px(line.points[pair].x)
            let right = px(line.points[pair + 1].x)
            let top = py(line.points[pair].y)
            svg += "<rect x=\"\(Self.coordinate(left))\" y=\"\(Self.coordinate(top))\" width=\"\(Self.coordinate(max(right - left, 0.5)))\" height=\"\(Self.coordinate(py(0) - top))\" fill=\"\(colour)\" fill-opacity=\"0.85\"/>\n"
        }
        return svg
    }

    private func axes(xRange: (Double, Double), yRange: (Double, Double), px: (Double) -> Double, py: (Double) -> Double) -> String {
        let left = Self.coordinate(px(xRange.0))
        let top = Self.coordinate(py(yRange.1)), bottom = Self.coordinate(py(yRange.0))
        var svg = "<rect x=\"\(left)\" y=\"\(top)\" width=\"\(Self.coordinate(px(xRange.1) - px(xRange.0)))\" height=\"\(Self.coordinate(py(yRange.0) - py(yRange.1)))\" fill=\"none\" stroke=\"#444\"/>\n"
        for tick in Self.ticks(xRange) {
            let x = Self.coordinate(px(tick))
            svg += "<line x1=\"\(x)\" y1=\"\(bottom)\" x2=\"\(x)\" y2=\"\(Self.coordinate(py(yRange.0) + 4))\" stroke=\"#444\"/>"
            svg += "<text x=\"\(x)\" y=\"\(Self.coordinate(py(yRange.0) + 16))\" font-size=\"10\" text-anchor=\"middle\">\(Self.label(tick))</text>\n"
        }
        for tick in Self.ticks(yRange) {
            let y = Self.coordinate(py(tick))
            svg += "<line x1=\"\(Self.coordinate(px(xRange.0) - 4))\" y1=\"\(y)\" x2=\"\(left)\" y2=\"\(y)\" stroke=\"#444\"/>"
            svg += "<text x=\"\(Self.coordinate(px(xRange.0) - 6))\" y=\"\(Self.coordinate(py(tick) + 3))\" font-size=\"10\" text-anchor=\"end\">\(Self.label(tick))</text>\n"
        }
        svg += "<text x=\"\(Self.coordinate((px(xRange.0) + px(xRange.1)) / 2))\" y=\"\(Int(Self.height) - 6)\" font-size=\"11\" text-anchor=\"middle\">\(HTMLText.escape(xLabel))</text>\n"
        svg += "<text transform=\"translate(12 \(Self.coordinate((py(yRange.0) + py(yRange.1)) / 2))) rotate(-90)\" font-size=\"11\" text-anchor=\"middle\">\(HTMLText.escape(yLabel))</text>\n"
        return svg
    }

    /// One row of colour keys, right-aligned below the title so that a long
    /// title and many series never overlap.
    private func legend() -> String {
        guard series.count > 1 else { return "" }
        var svg = ""
        var x = Self.width - Self.margin.right - 8
        for (index, line) in series.enumerated().reversed() {
            let colour = Self.colours[index % Self.colours.count]
            let textWidth = Double(line.label.count) * 6 + 16
            x -= textWidth
            svg += "<rect x=\"\(Self.coordinate(x))\" y=\"\(Self.legendBaseline - 9)\" width=\"10\" height=\"10\" fill=\"\(colour)\"/>"
            svg += "<text x=\"\(Self.coordinate(x + 13))\" y=\"\(Self.legendBaseline)\" font-size=\"10\">\(HTMLText.escape(line.label))</text>\n"
        }
        return svg
    }

    /// Data range padded by 5 %, or ±0.5 around a single value.
    static func range(_ values: [Double]) -> (Double, Double) {
        guard let low = values.min(), let high = values.max() else { return (0, 1) }
        if low == high { return (low - 0.5, high + 0.5) }
        let pad = (high - low) * 0.05
        return (low - pad, high + pad)
    }

    /// About five round tick values inside `range`.
    static func ticks(_ range: (Double, Double)) -> [Double] {
        let span = range.1 - range.0
        let raw = span / 5
        let magnitude = pow(10, floor(log10(raw)))
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? raw
        var tick = ceil(range.0 / step) * step
        var ticks: [Double] = []
        while tick <= range.1, ticks.count < 12 {
            ticks.append(abs(tick) < step * 1e-9 ? 0 : tick)
            tick += step
        }
        return ticks
    }

    static func label(_ value: Double) -> String {
        if value != 0, abs(value) >= 1e5 || abs(value) < 1e-3 { return String(format: "%.1e", value) }
        return String(format: "%g", value)
    }

    static func coordinate(_ value: Double) -> String {
        String(format: "%.1f", value)
    }
}

/// Escaping for text placed in HTML and SVG.
enum HTMLText {
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;")
            .replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "\"", with: "&quot;")
    }
}
