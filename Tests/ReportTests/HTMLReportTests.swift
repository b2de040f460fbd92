import Foundation
import FoundationXML
import Testing

/// The `--html` report: every embedded SVG is well-formed XML and each
/// parameter has its four plots.
@Suite("HTML report")
struct HTMLReportTests {
    @Test("SVG plots are well-formed")
    func svgPlotsAreWellFormed() throws {
        let directory = try TemporaryDirectory("html")
        defer { directory.remove() }
        try ReportCommandTests.mixedCSV { chain, draw in "\(Double(draw) * 0.1 + Double(chain))" }
            .write(toFile: directory.path("draws.csv"), atomically: true, encoding: .utf8)
        let result = try Command.runSimrun(["report", "--html", directory.path("report.html"), directory.path("draws.csv")], in: directory)
        #expect(result.exitCode == 2, "\(result.standardError)")
        let html = try String(contentsOfFile: directory.path("report.html"), encoding: .utf8)

        let svgs = Self.svgElements(in: html)
        // Two parameters, each with trace, rank, R-hat and ESS plots.
        #expect(svgs.count == 8)
        for (index, svg) in svgs.enumerated() {
            let parser = XMLParser(data: Data(svg.utf8))
            #expect(parser.parse(), "SVG \(index) is not well-formed: \(String(describing: parser.parserError))")
        }
        #expect(html.contains("<title>Trace: x</title>"))
        #expect(html.contains("<title>Rank plot: y</title>"))
        #expect(html.contains("<tr class=\"fail\"><td>y</td>"))
    }

    @Test("legend sits below the title")
    func legendSitsBelowTitle() throws {
        let directory = try TemporaryDirectory("legend")
        defer { directory.remove() }
        try ReportCommandTests.mixedCSV().write(toFile: directory.path("draws.csv"), atomically: true, encoding: .utf8)
        let result = try Command.runSimrun(["report", "--html", directory.path("report.html"), directory.path("draws.csv")], in: directory)
        #expect(result.exitCode == 2, "\(result.standardError)")
        let html = try String(contentsOfFile: directory.path("report.html"), encoding: .utf8)
        let rankPlot = try #require(Self.svgElements(in: html).first { $0.contains("<title>Rank plot: x</title>") })

        // The title's baseline is at y = 16; each legend entry's text is on
        // its own row at y = 32 and its colour key spans y = 23…33, above
        // the plot frame, which starts at y = 42.
        #expect(rankPlot.contains("y=\"16.0\" font-size=\"13\" font-weight=\"bold\">Rank plot: x</text>"))
        for chain in 0..<4 {
            #expect(rankPlot.contains("y=\"32.0\" font-size=\"10\">chain \(chain)</text>"), "chain \(chain)")
        }
        #expect(rankPlot.contains("<rect x=\"60.0\" y=\"42.0\""))
    }

    static func svgElements(in html: String) -> [String] {
        var elements: [String] = []
        var rest = html[...]
        while let start = rest.range(of: "<svg "), let end = rest.range(of: "</svg>", range: start.upperBound..<rest.endIndex) {
            elements.append(String(rest[start.lowerBound..<end.upperBound]))
            rest = rest[end.upperBound...]
        }
        return elements
    }
}
