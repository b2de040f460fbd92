import PerpetualCore
import Testing
import PerpetualDiagnostics

@Suite("Convergence check")
struct ConvergenceCheckTests {
    static let schema = TraceSchema([
        TraceSchema.Variable(name: "theta", group: "posterior", shape: [4, 2], dimensions: ["chain", "school"]),
        TraceSchema.Variable(name: "lp", group: "sample_stats", shape: [4], dimensions: ["chain"]),
    ])

    /// Rows of i.i.d. uniform draws; `shift` is added to chain 3 of `theta[1]`.
    static func rows(count: Int, shift: Double) -> [[Double]] {
        var generator = SplitMix(seed: 7)
        return (0..<count).map { _ in
            var row: [Double] = []
            for chain in 0..<4 {
                row.append(generator.nextDouble())
                row.append(generator.nextDouble() + (chain == 3 ? shift : 0))
            }
            return row + [-1, -2, -3, -4]
        }
    }

    /// Feeds `rows` one at a time and evaluates after each, as a one-rank
    /// harness does. Returns the draw count at which the check reported
    /// convergence, and its message.
    static func run(_ check: ConvergenceCheck, rows: [[Double]], firstDraw: Int = 0) throws -> (draws: Int, message: String)? {
        let communicator = SingleProcessCommunicator()
        for (offset, row) in rows.enumerated() {
            check.record(row: row)
            if let message = try check.evaluate(step: firstDraw + offset + 1, communicator: communicator) {
                return (firstDraw + offset + 1, message)
            }
        }
        return nil
    }

    @Test("trace rows become one matrix per element")
    func traceRowsBecomeMatrices() {
        let rows = Self.rows(count: 3, shift: 0).flatMap { $0 }
        let parameters = ChainMatrix.parameters(fromRows: rows, schema: Self.schema)
        #expect(parameters.map(\.name) == ["theta[0]", "theta[1]"])
        #expect(parameters[1].matrix.chainCount == 4)
        #expect(parameters[1].matrix.drawCount == 3)
        // Chain 2 of theta[1] in row 1 sits at row offset 12, chain offset 2 * 2 + 1.
        #expect(parameters[1].matrix.chain(2)[parameters[1].matrix.chain(2).startIndex + 1] == rows[12 + 5])
    }

    @Test("check schedule grows by interval or 10 %", arguments: [
        (draws: 100, interval: 100, next: 200),
        (draws: 1000, interval: 100, next: 1100),
        (draws: 2000, interval: 100, next: 2200),
        (draws: 101, interval: 5, next: 112),
        (draws: 4, interval: 1, next: 5),
    ])
    func checkScheduleGrows(_ entry: (draws: Int, interval: Int, next: Int)) {
        #expect(ConvergenceCheck.nextCheck(after: entry.draws, interval: entry.interval) == entry.next)
    }

    @Test("stops once mixed chains meet the criteria")
    func stopsOnceMixedChainsMeetCriteria() throws {
        let check = ConvergenceCheck(schema: Self.schema, criteria: ConvergenceCriteria(rhatThreshold: 1.05, essThreshold: 400),
                                     checkInterval: 50)
        let result = try #require(try Self.run(check, rows: Self.rows(count: 2000, shift: 0)))
        // Checks run at 100, 150, 200, …; 4 chains of i.i.d. draws reach a
        // bulk ESS of 400 near 100 draws each.
        #expect(result.draws >= 100)
        #expect(result.draws <= 400)
        #expect((result.draws - 100) % 50 == 0)
        #expect(result.message.hasPrefix("converged at draw \(result.draws) of each chain (step \(result.draws)): all 2 parameters meet R-hat < 1.050"))
        #expect(check.lastFailures.isEmpty)
        #expect(check.drawsAtLastCheck == result.draws)
    }

    @Test("never stops while one chain is shifted")
    func neverStopsWhileOneChainShifted() throws {
        let check = ConvergenceCheck(schema: Self.schema, checkInterval: 100)
        #expect(try Self.run(check, rows: Self.rows(count: 1000, shift: 1)) == nil)
        #expect(check.lastFailures.map(\.name) == ["theta[1]"])
        // Checks at 100, 200, …, 1000.
        #expect(check.checkCount == 10)
    }

    @Test("resumed check stops at the same draw")
    func resumedCheckStopsAtSameDraw() throws {
        let rows = Self.rows(count: 2000, shift: 0)
        let criteria = ConvergenceCriteria(rhatThreshold: 1.05, essThreshold: 600)
        let whole = try #require(try Self.run(ConvergenceCheck(schema: Self.schema, criteria: criteria, checkInterval: 50), rows: rows))

        // A segment boundary at 130 draws, between the checks at 100 and 150.
        let committed = 130
        #expect(whole.draws > committed)
        let resumed = ConvergenceCheck(schema: Self.schema, criteria: criteria, checkInterval: 50,
                                       committedRowCount: committed, committedRows: rows.prefix(committed).flatMap { $0 })
        let result = try #require(try Self.run(resumed, rows: Array(rows.dropFirst(committed)), firstDraw: committed))
        #expect(result.draws == whole.draws)
        #expect(result.message == whole.message)
    }

    @Test("constant parameters count as converged")
    func constantParametersCountAsConverged() throws {
        let rows = (0..<200).map { _ in [Double](repeating: 1, count: 12) }
        let check = ConvergenceCheck(schema: Self.schema, checkInterval: 100)
        let result = try #require(try Self.run(check, rows: rows))
        #expect(result.draws == 100)
        #expect(result.message.hasSuffix("all 2 parameters meet the criteria because every parameter is constant"))
    }
}
