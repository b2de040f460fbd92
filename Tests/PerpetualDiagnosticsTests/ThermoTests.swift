import Testing
import PerpetualDiagnostics

@Suite("Thermo diagnostics")
struct ThermoTests {
    @Test("linear drift is recovered exactly")
    func linearDriftRecoveredExactly() throws {
        let time = (0..<200).map { Double($0) * 0.5 }
        let energy = time.map { -1000 + 0.02 * $0 }
        let drift = try #require(EnergyDrift(time: time, totalEnergy: energy, atomCount: 100, blockCount: 10))
        #expect(abs(drift.slopePerAtom - 0.0002) <= 1e-15)
        #expect(drift.standardErrorPerAtom <= 1e-15)
    }

    @Test("block error of alternating series")
    func blockErrorOfAlternatingSeries() throws {
        // Blocks of 10 rows: block b has mean b (0…4), so the block means
        // have variance 2.5 and the error is √(2.5 / 5).
        let values = (0..<50).map { Double($0 / 10) + ($0 % 2 == 0 ? 0.5 : -0.5) }
        let average = try #require(BlockAverage(values, blockCount: 5))
        #expect(average.mean == 2)
        #expect(abs(average.standardError - (2.5 / 5).squareRoot()) <= 1e-15)
        #expect(average.blockLength == 10)
    }

    @Test("too few rows give no drift")
    func tooFewRowsGiveNoDrift() {
        #expect(EnergyDrift(time: [0, 1, 2], totalEnergy: [1, 2, 3], atomCount: 1, blockCount: 10) == nil)
    }

    @Test("summary rejects series of other lengths")
    func summaryRejectsOtherLengths() {
        #expect(throws: DiagnosticsError.self) {
            try ThermoSummary(series: ["temperature": [1, 2]], time: [0, 1, 2], atomCount: 1, source: "t.h5")
        }
    }
}
