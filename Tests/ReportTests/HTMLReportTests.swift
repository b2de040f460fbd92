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
