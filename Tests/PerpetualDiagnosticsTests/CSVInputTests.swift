import Testing
import PerpetualDiagnostics

@Suite("CSV input")
struct CSVInputTests {
    @Test("rows are grouped by chain and ordered by draw")
    func rowsGroupedAndOrdered() throws {
        let text = "draw,chain,mu\n1,2,20\n0,2,10\n0,1,1\n1,1,2\n"
        let draws = try DrawSet.parseCSV(text, source: "d.csv")
        #expect(draws.chainLabels == ["1", "2"])
        #expect(draws.parameters.map(\.name) == ["mu"])
        #expect(draws.parameters.first?.chains == [[1, 2], [10, 20]])
        #expect(draws.drawLabels == [["0", "1"], ["0", "1"]])
    }

    @Test("invalid CSV cases", arguments: [
        ("no header columns", "a,b\n1,2\n", "d.csv: line 1: the header [\"a\", \"b\"] lacks a 'chain' or 'draw' column; name the columns 'chain', 'draw' and one per parameter"),
        ("short row", "chain,draw,x\n0,0\n", "d.csv: line 2 has 2 fields, the header has 3"),
        ("not a number", "chain,draw,x\n0,0,abc\n", "d.csv: line 2, column 'x': 'abc' is not a number"),
        ("empty", "", "d.csv: the file is empty; expected a header row with 'chain', 'draw' and one column per parameter"),
        ("duplicate draw", "chain,draw,x\n0,0,1\n1,0,2\n0,1,3\n1,1,4\n0,0,5\n",
         "d.csv: duplicate draw 0 of chain 0 (lines 2 and 6); each (chain, draw) pair must appear once"),
        ("duplicate adjacent draw", "chain,draw,x\n0,0,1\n0,1,2\n0,1,3\n",
         "d.csv: duplicate draw 1 of chain 0 (lines 3 and 4); each (chain, draw) pair must appear once"),
    ])
    func invalidCSVCases(label: String, text: String, message: String) {
        do {
            _ = try DrawSet.parseCSV(text, source: "d.csv")
            Issue.record("\(label): no error thrown")
        } catch {
            #expect("\(error)" == message, "\(label)")
        }
    }

    @Test("nan and inf are read as numbers")
    func nanAndInfAreRead() throws {
        let draws = try DrawSet.parseCSV("chain,draw,x\n0,0,NaN\n0,1,-inf\n", source: "d.csv")
        let values = try #require(draws.parameters.first?.chains.first)
        #expect(values[0].isNaN)
        #expect(values[1] == -.infinity)
    }
}
