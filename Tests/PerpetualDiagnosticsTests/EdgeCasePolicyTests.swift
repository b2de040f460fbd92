import Testing
import PerpetualDiagnostics

@Suite("Edge-case policy")
struct EdgeCasePolicyTests {
    static let wave: [Double] = (0..<40).map { Double($0 % 7) - 3 + Double($0) * 0.01 }

    @Test("NaN draw names chain and draw")
    func nanDrawNamesChainAndDraw() {
        var second = Self.wave
        second[17] = .nan
        let summary = ParameterSummary.compute(name: "mu", matrix: ChainMatrix(chains: [Self.wave, second]), chainLabels: ["1", "2"])
        #expect(summary.notes.map(\.kind) == [.nonFinite])
        #expect(summary.notes.first?.message == "chain 2, draw 17 is nan; no statistic is computed for 'mu'")
        #expect(summary.mean == nil)
        #expect(summary.rhat == nil)
    }

    @Test("infinite draw is reported")
    func infiniteDrawIsReported() {
        var first = Self.wave
        first[3] = -.infinity
        let summary = ParameterSummary.compute(name: "x", matrix: ChainMatrix(chains: [first, Self.wave]))
        #expect(summary.notes.first?.message == "chain 0, draw 3 is -inf; no statistic is computed for 'x'")
    }

    @Test("constant draws meet the criteria")
    func constantDrawsMeetCriteria() {
        let constant = [Double](repeating: 2.5, count: 10)
        let summary = ParameterSummary.compute(name: "c", matrix: ChainMatrix(chains: [constant, constant]))
        #expect(summary.notes.map(\.kind) == [.constant])
        #expect(summary.rhat == nil)
        #expect(summary.essBulk == 20)
        #expect(summary.mcseMean == 0)
        #expect(summary.mean == 2.5)
        #expect(ConvergenceCriteria().failures(of: summary).isEmpty)
    }

    @Test("chains constant at different values")
    func chainsConstantAtDifferentValues() {
        let summary = ParameterSummary.compute(name: "c", matrix: ChainMatrix(chains: [[Double](repeating: 1, count: 8), [Double](repeating: 2, count: 8)]))
        #expect(summary.notes.map(\.kind) == [.constantChains])
        #expect(summary.rhat == .infinity)
        #expect(ConvergenceCriteria().failures(of: summary).first == "R-hat inf ≥ 1.010")
    }

    @Test("one stuck chain is named")
    func oneStuckChainIsNamed() {
        let summary = ParameterSummary.compute(name: "s", matrix: ChainMatrix(chains: [Self.wave, [Double](repeating: 0.5, count: 40)]))
        #expect(summary.notes.map(\.kind) == [.stuckChain])
        #expect(summary.notes.first?.message.hasPrefix("chain 1 of 's' never moves") == true)
        #expect(summary.rhat != nil)
    }

    @Test("single chain has no R-hat")
    func singleChainHasNoRHat() {
        let summary = ParameterSummary.compute(name: "x", matrix: ChainMatrix(chains: [Self.wave]))
        #expect(summary.notes.map(\.kind) == [.singleChain])
        #expect(summary.rhat == nil)
        #expect(summary.essBulk != nil)
        #expect(ConvergenceCriteria().failures(of: summary).first == "R-hat undefined")
    }

    @Test("fewer than four draws")
    func fewerThanFourDraws() {
        let summary = ParameterSummary.compute(name: "x", matrix: ChainMatrix(chains: [[1, 2, 3], [2, 3, 5]]))
        #expect(summary.notes.map(\.kind) == [.tooFewDraws])
        #expect(summary.mean == 16.0 / 6.0)
        #expect(summary.median == 2.5)
        #expect(summary.essBulk == nil)
        #expect(summary.rhat == nil)
    }

    @Test("ragged chains name every length")
    func raggedChainsNameEveryLength() throws {
        let draws = DrawSet(source: "draws.csv", parameters: [.init(name: "x", chains: [[1, 2, 3, 4, 5], [1, 2, 3, 4]])], chainLabels: ["1", "2"])
        #expect(throws: DiagnosticsError(.raggedChains, source: "draws.csv",
                                         detail: "the chains have different lengths (chain 1: 5 draws, chain 2: 4 draws); pass --truncate to use the first 4 draws of every chain")) {
            try draws.matrices(truncate: false)
        }
        let truncated = try draws.matrices(truncate: true)
        #expect(truncated.first?.drawCount == 4)
        #expect(truncated.first?.values == [1, 2, 3, 4, 1, 2, 3, 4])
    }
}
