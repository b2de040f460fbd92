import PerpetualCore
import Testing
import PerpetualDiagnostics

@Suite("Convergence budget")
struct ConvergenceBudgetTests {
    static let schema = TraceSchema([
        TraceSchema.Variable(name: "theta", group: "posterior", shape: [4, 2], dimensions: ["chain", "school"]),
        TraceSchema.Variable(name: "lp", group: "sample_stats", shape: [4], dimensions: ["chain"]),
    ])

    /// Rows of i.i.d. uniform draws; `shift` is added to chain 3 of `theta[1]`.
    static func rows(count: Int, shift: Double) -> [Double] {
        var generator = SplitMix(seed: 7)
        var rows: [Double] = []
        for _ in 0..<count {
            for chain in 0..<4 {
                rows.append(generator.nextDouble())
                rows.append(generator.nextDouble() + (chain == 3 ? shift : 0))
            }
            rows += [-1, -2, -3, -4]
        }
        return rows
    }

    @Test("trace rows become one matrix per element")
    func traceRowsBecomeMatrices() {
        let rows = Self.rows(count: 3, shift: 0)
        let parameters = ChainMatrix.parameters(fromRows: rows, schema: Self.schema)
        #expect(parameters.map(\.name) == ["theta[0]", "theta[1]"])
        #expect(parameters[1].matrix.chainCount == 4)
        #expect(parameters[1].matrix.drawCount == 3)
        // Chain 2 of theta[1] in row 1 sits at row offset 12, chain offset 2 * 2 + 1.
        #expect(parameters[1].matrix.chain(2)[parameters[1].matrix.chain(2).startIndex + 1] == rows[12 + 5])
    }

    @Test("stops once mixed chains meet the criteria")
    func stopsOnceMixedChainsMeetCriteria() {
        var available = 0
        let rows = Self.rows(count: 2000, shift: 0)
        let budget = ConvergenceBudget(criteria: ConvergenceCriteria(rhatThreshold: 1.05, essThreshold: 400), checkInterval: 50) {
            ChainMatrix.parameters(fromRows: Array(rows.prefix(available * Self.schema.rowLength)), schema: Self.schema)
        }
        var stoppedAt: Int?
        for step in stride(from: 50, through: 2000, by: 50) {
            available = step
            if budget.reading(at: BudgetBoundary(now: 0, segmentSteps: step)).demandsImmediateStop {
                stoppedAt = step
                break
            }
        }
        // 4 chains of i.i.d. draws reach a bulk ESS of 400 near 100 draws
        // each; the first check comes at the budget's minimum of 100 draws.
        #expect(stoppedAt != nil)
        #expect((stoppedAt ?? 0) >= 100)
        #expect((stoppedAt ?? .max) <= 400)
        #expect(budget.lastFailures.isEmpty)
    }

    @Test("never stops while one chain is shifted")
    func neverStopsWhileOneChainShifted() {
        let rows = Self.rows(count: 1000, shift: 1)
        var available = 0
        let budget = ConvergenceBudget(checkInterval: 100) {
            ChainMatrix.parameters(fromRows: Array(rows.prefix(available * Self.schema.rowLength)), schema: Self.schema)
        }
        for step in stride(from: 100, through: 1000, by: 100) {
            available = step
            #expect(!budget.reading(at: BudgetBoundary(now: 0, segmentSteps: step)).demandsImmediateStop, "step \(step)")
        }
        #expect(budget.lastFailures.map(\.name) == ["theta[1]"])
    }
}
