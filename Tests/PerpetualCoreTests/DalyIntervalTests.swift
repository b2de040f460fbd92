import Testing
import PerpetualCore

@Suite struct DalyIntervalTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var checkpointSeconds: Double
        var mtbiSeconds: Double
        /// Value of the formula in closed form.
        var expectedSeconds: Double
        /// The value rounded to minutes as a person would check it.
        var quotedMinutes: Double
        var quotedTolerance: Double
        var testDescription: String { name }
    }

    // δ = 5 min. τ = √(2δM)·[1 + ⅓√(δ/2M) + (1/9)(δ/2M)] − δ in closed
    // form: for M = 24 h, √(2δM) = 7200 s and δ/2M = 1/576.
    static let cases: [Case] = [
        Case(name: "M 24 h", checkpointSeconds: 300, mtbiSeconds: 86_400,
             expectedSeconds: 7200 * (1 + (1.0 / 24) / 3 + (1.0 / 576) / 9) - 300, quotedMinutes: 117, quotedTolerance: 0.5),
        Case(name: "M 6 h", checkpointSeconds: 300, mtbiSeconds: 21_600,
             expectedSeconds: 3600 * (1 + (1.0 / 12) / 3 + (1.0 / 144) / 9) - 300, quotedMinutes: 57, quotedTolerance: 0.5),
        Case(name: "M 15 min", checkpointSeconds: 300, mtbiSeconds: 900,
             expectedSeconds: 540_000.0.squareRoot() * (1 + (1.0 / 6).squareRoot() / 3 + (1.0 / 6) / 9) - 300,
             quotedMinutes: 9.1, quotedTolerance: 0.05),
    ]

    @Test(arguments: cases)
    func matchesFormula(_ example: Case) {
        let tau = DalyInterval.optimalSeconds(checkpointSeconds: example.checkpointSeconds, mtbiSeconds: example.mtbiSeconds)
        #expect(abs(tau - example.expectedSeconds) < 1e-6)
        #expect(abs(tau / 60 - example.quotedMinutes) < example.quotedTolerance)
    }

    @Test func exactValuesInSeconds() {
        // The same three values as literals, computed separately in Python
        // (math.sqrt, float64), so an error shared by the closed forms above
        // and the function cannot hide.
        #expect(abs(DalyInterval.optimalSeconds(checkpointSeconds: 300, mtbiSeconds: 86_400) - 7001.388889) < 1e-5)
        #expect(abs(DalyInterval.optimalSeconds(checkpointSeconds: 300, mtbiSeconds: 21_600) - 3402.777778) < 1e-5)
        #expect(abs(DalyInterval.optimalSeconds(checkpointSeconds: 300, mtbiSeconds: 900) - 548.455199) < 1e-5)
    }

    @Test func costAtLeastTwiceMTBIGivesMTBI() {
        #expect(DalyInterval.optimalSeconds(checkpointSeconds: 600, mtbiSeconds: 300) == 300)
        #expect(DalyInterval.optimalSeconds(checkpointSeconds: 1000, mtbiSeconds: 300) == 300)
    }

    @Test func optimumMinimisesWasteNearby() {
        let tau = DalyInterval.optimalSeconds(checkpointSeconds: 60, mtbiSeconds: 36_000)
        let atOptimum = DalyInterval.wasteFraction(intervalSeconds: tau, checkpointSeconds: 60, mtbiSeconds: 36_000)
        #expect(atOptimum < DalyInterval.wasteFraction(intervalSeconds: tau / 2, checkpointSeconds: 60, mtbiSeconds: 36_000))
        #expect(atOptimum < DalyInterval.wasteFraction(intervalSeconds: tau * 2, checkpointSeconds: 60, mtbiSeconds: 36_000))
    }

    @Test func scheduleUsesShorterOfFixedAndOptimal() {
        let optimalOnly = CheckpointSchedule(optimalForMTBISeconds: 86_400)
        #expect(abs(optimalOnly.intervalSeconds(checkpointCostSeconds: 300)! - 7001.388889) < 1e-5)
        #expect(optimalOnly.isDue(step: 7, secondsSinceLastCheckpoint: 7002, checkpointCostSeconds: 300))
        #expect(!optimalOnly.isDue(step: 7, secondsSinceLastCheckpoint: 7000, checkpointCostSeconds: 300))

        let both = CheckpointSchedule(everySeconds: 3600, optimalForMTBISeconds: 86_400)
        #expect(both.intervalSeconds(checkpointCostSeconds: 300) == 3600)
        #expect(CheckpointSchedule.never.intervalSeconds(checkpointCostSeconds: 300) == nil)
    }
}
