import PerpetualCore
import Testing
@testable import PerpetualMCMC

/// Each model's analytic gradient against central finite differences.
@Suite struct GradientTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var seed: UInt64
        var testDescription: String { name }
    }

    static let step = 1e-5

    static func checkGradient(of model: any LogDensityModel, seed: UInt64, tolerance: Double) {
        var rng = CounterRNG(seed: seed, stream: 0, step: 0)
        for _ in 0..<3 {
            let position = (0..<model.dimension).map { _ in 2 * rng.nextUniform() - 1 }
            var gradient = [Double](repeating: 0, count: model.dimension)
            let value = model.logDensity(at: position, gradient: &gradient)
            #expect(value == model.logDensity(at: position))

            for index in 0..<model.dimension {
                var plus = position
                var minus = position
                plus[index] += step
                minus[index] -= step
                let difference = (model.logDensity(at: plus) - model.logDensity(at: minus)) / (2 * step)
                let scale = max(1, abs(difference))
                #expect(abs(gradient[index] - difference) < tolerance * scale,
                        "coordinate \(index): analytic \(gradient[index]), finite difference \(difference)")
            }
        }
    }

    @Test func eightSchoolsGradient() {
        Self.checkGradient(of: EightSchoolsModel(), seed: 3, tolerance: 1e-6)
    }

    @Test func logisticRegressionGradient() throws {
        Self.checkGradient(of: try LogisticRegressionModel.breastCancer(), seed: 4, tolerance: 1e-6)
    }
}
