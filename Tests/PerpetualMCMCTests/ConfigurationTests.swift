import Foundation
import Testing
@testable import PerpetualMCMC

@Suite struct ConfigurationTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var field: String
        var value: String
        var configuration: MCMCConfiguration
        var testDescription: String { "\(field) = \(value)" }
    }

    static let valid = MCMCConfiguration(model: "eight-schools", draws: 100, seed: 1)

    static func with(_ change: (inout MCMCConfiguration) -> Void) -> MCMCConfiguration {
        var configuration = valid
        change(&configuration)
        return configuration
    }

    static let invalidCases: [Case] = [
        Case(field: "model", value: "radon", configuration: with { $0.model = "radon" }),
        Case(field: "sampler", value: "hmc", configuration: with { $0.sampler = "hmc" }),
        Case(field: "chains", value: "0", configuration: with { $0.chains = 0 }),
        Case(field: "chains", value: "1025", configuration: with { $0.chains = 1025 }),
        Case(field: "draws", value: "0", configuration: with { $0.draws = 0 }),
        Case(field: "warmup", value: "-1", configuration: with { $0.warmup = -1 }),
        Case(field: "targetAcceptance", value: "1.0", configuration: with { $0.targetAcceptance = 1 }),
        Case(field: "targetAcceptance", value: "nan", configuration: with { $0.targetAcceptance = .nan }),
        Case(field: "maxTreeDepth", value: "0", configuration: with { $0.maxTreeDepth = 0 }),
        Case(field: "maxTreeDepth", value: "31", configuration: with { $0.maxTreeDepth = 31 }),
    ]

    @Test(arguments: invalidCases)
    func invalidFieldIsNamed(_ testCase: Case) {
        #expect {
            try testCase.configuration.validate()
        } throws: { error in
            guard let error = error as? MCMCConfigurationError else { return false }
            return error.field == testCase.field && error.value == testCase.value
                && error.description.contains(testCase.field) && error.description.contains("'\(testCase.value)'")
        }
    }

    @Test(arguments: invalidCases)
    func kernelRejectsInvalidField(_ testCase: Case) {
        #expect(throws: MCMCConfigurationError.self) {
            _ = try MCMCKernel(configuration: testCase.configuration)
        }
    }

    @Test func defaultsAreStans() {
        #expect(Self.valid.sampler == "nuts")
        #expect(Self.valid.chains == 4)
        #expect(Self.valid.warmup == 1000)
        #expect(Self.valid.targetAcceptance == 0.8)
        #expect(Self.valid.maxTreeDepth == 10)
        #expect(throws: Never.self) { try Self.valid.validate() }
    }

    @Test func decodingFillsDefaults() throws {
        let json = #"{"model": "logistic-regression", "draws": 5, "seed": 18446744073709551615}"#
        let decoded = try JSONDecoder().decode(MCMCConfiguration.self, from: Data(json.utf8))
        #expect(decoded == MCMCConfiguration(model: "logistic-regression", draws: 5, seed: .max))
    }

    @Test func encodingRoundTrips() throws {
        let configuration = MCMCConfiguration(model: "eight-schools", draws: 7, seed: 9, sampler: "rwm", chains: 2,
                                              warmup: 3, targetAcceptance: 0.9, maxTreeDepth: 6)
        let decoded = try JSONDecoder().decode(MCMCConfiguration.self, from: JSONEncoder().encode(configuration))
        #expect(decoded == configuration)
    }

    @Test func catalogListsBothModels() {
        #expect(MCMCModelCatalog.names == ["eight-schools", "logistic-regression"])
    }
}
