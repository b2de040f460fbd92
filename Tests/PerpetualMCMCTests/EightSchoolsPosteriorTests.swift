import Testing
@testable import PerpetualMCMC

/// Reference posterior of posteriordb's `eight_schools-eight_schools_noncentered`:
/// means and their Monte Carlo standard errors from its summary statistics
/// (10 000 reference draws from Stan).
private enum EightSchoolsReference {
    static let muMean = 4.41051833695493
    static let muMeanError = 0.0330374705950917
    static let tauMean = 3.60205952364059
    static let tauMeanError = 0.0318615135640706
}

@Suite struct EightSchoolsPosteriorTests {
    static let configuration = MCMCConfiguration(model: "eight-schools", draws: 1000, seed: 20_240_601, chains: 4, warmup: 1000)

    @Test func posteriorMeansMatchPosteriordb() throws {
        let kernel = try MCMCKernel(configuration: Self.configuration)
        let run = try KernelRun.run(kernel)

        let mu = ScalarSummary(run.draws(of: "mu"))
        let tau = ScalarSummary(run.draws(of: "tau"))
        let muTolerance = 4 * (mu.monteCarloStandardError * mu.monteCarloStandardError
            + EightSchoolsReference.muMeanError * EightSchoolsReference.muMeanError).squareRoot()
        let tauTolerance = 4 * (tau.monteCarloStandardError * tau.monteCarloStandardError
            + EightSchoolsReference.tauMeanError * EightSchoolsReference.tauMeanError).squareRoot()

        #expect(abs(mu.mean - EightSchoolsReference.muMean) < muTolerance, "mu mean \(mu.mean), ESS \(mu.effectiveSampleSize)")
        #expect(abs(tau.mean - EightSchoolsReference.tauMean) < tauTolerance, "tau mean \(tau.mean), ESS \(tau.effectiveSampleSize)")
        #expect(mu.effectiveSampleSize > 1000, "mu ESS \(mu.effectiveSampleSize)")
        #expect(tau.effectiveSampleSize > 500, "tau ESS \(tau.effectiveSampleSize)")
    }

    @Test func fewDivergences() throws {
        let kernel = try MCMCKernel(configuration: Self.configuration)
        let run = try KernelRun.run(kernel)

        let divergences = run.draws(of: "diverging").flatMap { $0 }.reduce(0, +)
        let meanAcceptance = run.draws(of: "acceptance_rate").flatMap { $0 }.reduce(0, +) / 4000
        #expect(divergences <= 8, "\(divergences) divergent transitions in 4000")
        #expect(meanAcceptance > 0.75, "mean acceptance \(meanAcceptance)")
        #expect(meanAcceptance < 0.95, "mean acceptance \(meanAcceptance)")
    }
}
