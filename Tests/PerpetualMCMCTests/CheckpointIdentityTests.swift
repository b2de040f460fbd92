import PerpetualCore
import Testing
@testable import PerpetualMCMC

/// A run split by capture and restore must reproduce an unbroken run bit for bit.
@Suite struct CheckpointIdentityTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var configuration: MCMCConfiguration
        var split: Int
        var testDescription: String { name }
    }

    static let eightSchoolsNUTS = MCMCConfiguration(model: "eight-schools", draws: 40, seed: 11, chains: 3, warmup: 200)
    static let eightSchoolsRWM = MCMCConfiguration(model: "eight-schools", draws: 40, seed: 12, sampler: "rwm", chains: 3, warmup: 200)
    static let logisticNUTS = MCMCConfiguration(model: "logistic-regression", draws: 10, seed: 13, chains: 2, warmup: 30)
    static let logisticRWM = MCMCConfiguration(model: "logistic-regression", draws: 20, seed: 14, sampler: "rwm", chains: 2, warmup: 60)

    // Warm-up splits fall inside a metric window, so the Welford
    // accumulators are partly filled. Eight schools' windows end after
    // iterations 99 and 149, the logistic runs' after 26 and 53.
    static let cases: [Case] = [
        Case(name: "eight schools NUTS, warm-up split", configuration: eightSchoolsNUTS, split: 120),
        Case(name: "eight schools NUTS, sampling split", configuration: eightSchoolsNUTS, split: 215),
        Case(name: "eight schools RWM, warm-up split", configuration: eightSchoolsRWM, split: 120),
        Case(name: "eight schools RWM, sampling split", configuration: eightSchoolsRWM, split: 215),
        Case(name: "logistic NUTS, warm-up split", configuration: logisticNUTS, split: 15),
        Case(name: "logistic NUTS, sampling split", configuration: logisticNUTS, split: 35),
        Case(name: "logistic RWM, warm-up split", configuration: logisticRWM, split: 40),
        Case(name: "logistic RWM, sampling split", configuration: logisticRWM, split: 70),
    ]

    @Test(arguments: cases)
    func splitRunMatchesStraightRun(_ testCase: Case) throws {
        let straight = try MCMCKernel(configuration: testCase.configuration)
        let straightRun = try KernelRun.run(straight)

        let first = try MCMCKernel(configuration: testCase.configuration)
        let firstRun = try KernelRun.run(first, steps: testCase.split)
        let captured = first.captureState()
        let second = try MCMCKernel(configuration: testCase.configuration)
        try second.restoreState(captured)
        #expect(bitPatterns(second.captureState()) == bitPatterns(captured))
        let secondRun = try KernelRun.run(second)

        let splitRows = firstRun.rows + secondRun.rows
        #expect(splitRows.count == testCase.configuration.draws)
        #expect(splitRows.map(bitPatterns) == straightRun.rows.map(bitPatterns))
        #expect(bitPatterns(second.captureState()) == bitPatterns(straight.captureState()))
        #expect(second.completedSteps == straight.totalSteps)
    }
}
