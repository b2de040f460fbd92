import Testing
@testable import PerpetualMCMC

/// Posterior means from examples/data/logistic_reference.py (numpy/scipy
/// preconditioned HMC, 200 chains × 1200 kept draws; the reference's own
/// Monte Carlo standard errors are below 0.0006).
private enum LogisticReference {
    static let means: [Int: Double] = [0: -0.205360, 7: 0.961754, 11: 1.436604, 22: 1.492732, 20: -0.817753]
}

@Suite struct LogisticRegressionPosteriorTests {
    static let configuration = MCMCConfiguration(model: "logistic-regression", draws: 300, seed: 7, chains: 2, warmup: 300)

    @Test func coefficientMeansMatchReference() throws {
        let kernel = try MCMCKernel(configuration: Self.configuration)
        let run = try KernelRun.run(kernel)

        for (coefficient, reference) in LogisticReference.means.sorted(by: { $0.key < $1.key }) {
            let summary = ScalarSummary(run.draws(of: "beta", element: coefficient))
            #expect(abs(summary.mean - reference) < 4 * summary.monteCarloStandardError,
                    "beta[\(coefficient)] mean \(summary.mean) ± \(summary.monteCarloStandardError), reference \(reference)")
        }
        let divergences = run.draws(of: "diverging").flatMap { $0 }.reduce(0, +)
        #expect(divergences == 0)
    }

    @Test func posteriorMeanClassifierIsAccurate() throws {
        let kernel = try MCMCKernel(configuration: Self.configuration)
        let run = try KernelRun.run(kernel)
        let model = try LogisticRegressionModel.breastCancer()

        let means = (0..<model.columns).map { ScalarSummary(run.draws(of: "beta", element: $0)).mean }
        var correct = 0
        for row in 0..<model.rows {
            var eta = 0.0
            for column in 0..<model.columns { eta += model.design[row * model.columns + column] * means[column] }
            if (eta > 0) == (model.outcomes[row] == 1) { correct += 1 }
        }
        let accuracy = Double(correct) / Double(model.rows)
        #expect(accuracy > 0.95, "accuracy \(accuracy)")
    }

    @Test func bundledDataHasExpectedShape() throws {
        let data = try BreastCancerData.bundled.get()
        #expect(data.caseCount == 569)
        #expect(data.features.count == 569 * 30)
        #expect(data.labels.reduce(0, +) == 212)
        #expect(data.featureNames.first == "mean_radius")
    }

    @Test func standardisedFeaturesHaveUnitScale() throws {
        let data = try BreastCancerData.bundled.get()
        let standardised = data.standardisedFeatures()
        for column in [0, 13, 29] {
            let values = (0..<data.caseCount).map { standardised[$0 * 30 + column] }
            let mean = values.reduce(0, +) / Double(values.count)
            let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)
            #expect(abs(mean) < 1e-12, "column \(column) mean \(mean)")
            #expect(abs(variance - 1) < 1e-12, "column \(column) variance \(variance)")
        }
    }
}
