import PerpetualCore
import Testing
@testable import PerpetualMCMC

@Suite struct RestoreValidationTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var entry: String
        var code: KernelStateError.Code
        var value: StateValue?
        var testDescription: String { name }
    }

    static let configuration = MCMCConfiguration(model: "eight-schools", draws: 5, seed: 3, chains: 2, warmup: 10)

    static let cases: [Case] = [
        Case(name: "missing position", entry: "chains/position", code: .missingEntry, value: nil),
        Case(name: "position of wrong shape", entry: "chains/position", code: .mismatchedEntry,
             value: .array(StateArray(float64: [Double](repeating: 0, count: 20), shape: [20]))),
        Case(name: "infinite log density", entry: "chains/log_density", code: .invalidValue,
             value: .array(StateArray(float64: [0, .infinity]))),
        Case(name: "zero step size", entry: "chains/step_size", code: .invalidValue,
             value: .array(StateArray(float64: [0.5, 0]))),
        Case(name: "gradient of wrong type", entry: "chains/gradient", code: .mismatchedEntry,
             value: .array(StateArray(int64: [Int64](repeating: 0, count: 20), shape: [2, 10]))),
        Case(name: "other seed", entry: "rng/seed", code: .mismatchedEntry,
             value: .array(StateArray(uint64: [4]))),
        Case(name: "other model", entry: "configuration/model", code: .mismatchedEntry,
             value: .string("logistic-regression")),
        Case(name: "iteration past the end", entry: "iteration", code: .invalidValue, value: .int64(16)),
        Case(name: "negative variance count", entry: "adaptation/variance/count", code: .invalidValue,
             value: .array(StateArray(int64: [0, -1]))),
    ]

    @Test(arguments: cases)
    func badEntryIsNamed(_ testCase: Case) throws {
        let source = try MCMCKernel(configuration: Self.configuration)
        _ = try KernelRun.run(source, steps: 3)
        var state = source.captureState()
        state[testCase.entry] = testCase.value

        let target = try MCMCKernel(configuration: Self.configuration)
        let before = bitPatterns(target.captureState())
        #expect(throws: KernelStateError(testCase.code, entry: testCase.entry, detail: "")) {
            do {
                try target.restoreState(state)
            } catch var error as KernelStateError {
                error.detail = ""
                throw error
            }
        }
        #expect(bitPatterns(target.captureState()) == before)
    }
}
