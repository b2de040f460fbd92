import Foundation

extension DrawSet {
    /// Parses a CSV table of draws: a header row with a `chain` column, a
    /// `draw` column and one column per scalar parameter, then one row per
    /// draw. Rows may come in any order; within a chain they are ordered by
    /// their `draw` value. Fields are separated by commas; double quotes
    /// around a field are removed. `nan`, `inf` and `-inf` are accepted in
    /// any case, so that the summary can name such draws.
    ///
    /// - Throws: ``DiagnosticsError`` `.invalidCSV` naming the line and the
    ///   field, `.duplicateDraw` naming the chain, the draw and both lines
    ///   when a (chain, draw) pair appears twice, `.noDraws` for a file
    ///   without rows.
    public static func parseCSV(_ text: String, source: String) throws -> DrawSet {
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
        while lines.last?.trimmingCharacters(in: .whitespaces).isEmpty == true { lines.removeLast() }
        guard let headerLine = lines.first else {
            throw DiagnosticsError(.noDraws, source: source, detail: "the file is empty; expected a header row with 'chain', 'draw' and one column per parameter")
        }
        let header = fields(of: headerLine)
        guard let chainColumn = header.firstIndex(of: "chain"), let drawColumn = header.firstIndex(of: "draw") else {
            throw DiagnosticsError(.invalidCSV, source: source,
                                   detail: "line 1: the header \(header) lacks a 'chain' or 'draw' column; name the columns 'chain', 'draw' and one per parameter")
        }
        let parameterColumns = header.indices.filter { $0 != chainColumn && $0 != drawColumn }
        guard !parameterColumns.isEmpty else {
            throw DiagnosticsError(.noDraws, source: source, detail: "line 1: the header has no parameter column besides 'chain' and 'draw'")
        }

        // Group the rows by chain label, keeping the draw label for ordering.
        var chainOrder: [String] = []
        var rowsByChain: [String: [(draw: Double, label: String, line: Int, values: [Double])]] = [:]
        for (offset, line) in lines.enumerated().dropFirst() {
            let lineNumber = offset + 1
            if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            let row = fields(of: line)
            guard row.count == header.count else {
                throw DiagnosticsError(.invalidCSV, source: source, detail: "line \(lineNumber) has \(row.count) fields, the header has \(header.count)")
            }
            guard let draw = Double(row[drawColumn]) else {
                throw DiagnosticsError(.invalidCSV, source: source, detail: "line \(lineNumber): draw '\(row[drawColumn])' is not a number")
            }
            let values = try parameterColumns.map { column in
                guard let value = number(row[column]) else {
                    throw DiagnosticsError(.invalidCSV, source: source,
                                           detail: "line \(lineNumber), column '\(header[column])': '\(row[column])' is not a number")
                }
                return value
            }
            let chain = row[chainColumn]
            if rowsByChain[chain] == nil { chainOrder.append(chain) }
            rowsByChain[chain, default: []].append((draw, row[drawColumn], lineNumber, values))
        }
        guard !chainOrder.isEmpty else {
            throw DiagnosticsError(.noDraws, source: source, detail: "the file has a header but no draws")
        }

        // Chains in numeric order when every label is a number, else in order of appearance.
        let numericLabels = chainOrder.compactMap { Double($0) }
        if numericLabels.count == chainOrder.count {
            chainOrder.sort { Double($0)! < Double($1)! }
        }
        let orderedRows = chainOrder.map { label in rowsByChain[label]!.sorted { $0.draw < $1.draw } }
        for (chain, rows) in zip(chainOrder, orderedRows) {
            if let index = rows.indices.dropFirst().first(where: { rows[$0].draw == rows[$0 - 1].draw }) {
                let (first, second) = (min(rows[index - 1].line, rows[index].line), max(rows[index - 1].line, rows[index].line))
                throw DiagnosticsError(.duplicateDraw, source: source,
                                       detail: "duplicate draw \(rows[index].label) of chain \(chain) (lines \(first) and \(second)); each (chain, draw) pair must appear once")
            }
        }
        let parameters = parameterColumns.enumerated().map { index, column in
            Parameter(name: header[column], chains: orderedRows.map { rows in rows.map { $0.values[index] } })
        }
        return DrawSet(source: source, parameters: parameters, chainLabels: chainOrder,
                       drawLabels: orderedRows.map { rows in rows.map(\.label) })
    }

    /// Reads and parses a CSV file (see ``parseCSV(_:source:)``).
    /// - Throws: ``DiagnosticsError`` `.invalidCSV` when the file cannot be read as UTF-8.
    public static func readCSV(path: String) throws -> DrawSet {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw DiagnosticsError(.invalidCSV, source: path, detail: "the file cannot be read as UTF-8 text; check the path and its permissions")
        }
        return try parseCSV(text, source: path)
    }

    private static func fields(of line: String) -> [String] {
        line.split(separator: ",", omittingEmptySubsequences: false).map { field in
            var text = field.trimmingCharacters(in: .whitespaces)
            if text.count >= 2, text.hasPrefix("\""), text.hasSuffix("\"") {
                text = String(text.dropFirst().dropLast())
            }
            return text
        }
    }

    private static func number(_ text: String) -> Double? {
        switch text.lowercased() {
        case "nan": return .nan
        case "inf", "+inf", "infinity": return .infinity
        case "-inf", "-infinity": return -.infinity
        default: return Double(text)
        }
    }
}
