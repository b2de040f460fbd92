import PerpetualDiagnostics

/// Options of `--stop-when-converged`: an MCMC job ends as complete once every
/// posterior parameter meets the convergence criteria.
enum ConvergenceStopOptions {
    static let stopWhenConverged = OptionSpec(
        "stop-when-converged", value: nil, role: .execution,
        help: "End the job as complete (exit 0, trace consolidated) once every posterior parameter has R-hat below --rhat-threshold and bulk and tail ESS of at least --ess-threshold, instead of running to --draws. Checked on all chains together, also across resumes and MPI ranks.")
    static let rhatThreshold = OptionSpec(
        "rhat-threshold", value: "X", default: "1.01", role: .execution,
        help: "With --stop-when-converged: R-hat (rank-normalised split, as 'simrun report' computes it) must be below X (X > 1).")
    static let essThreshold = OptionSpec(
        "ess-threshold", value: "N", default: "400", role: .execution,
        help: "With --stop-when-converged: bulk and tail ESS must be at least N (N ≥ 1).")
    static let checkEvery = OptionSpec(
        "check-every", value: "DRAWS", default: "100", role: .execution,
        help: "With --stop-when-converged: draws per chain between two convergence checks, at least; checks are also spaced so that the draws grow by 10 % between them. The first check comes at 100 draws per chain or DRAWS, whichever is larger.")

    static let all = [stopWhenConverged, rhatThreshold, essThreshold, checkEvery]
}

/// Validated values of the ``ConvergenceStopOptions``.
struct ConvergenceStopSettings {
    var criteria: ConvergenceCriteria
    var checkInterval: Int

    /// Returns `nil` when `--stop-when-converged` is not set (or set to
    /// `false` in a configuration file).
    /// - Throws: ``UsageError`` naming the option and the invalid value.
    /// The thresholds are checked even when the flag is off, so that a typo
    /// is reported at once rather than on the resume that turns the flag on.
    static func parse(_ values: OptionValues) throws -> ConvergenceStopSettings? {
        // Kernels without these options (md, train) have no value for them.
        guard values["rhat-threshold"] != nil || values["stop-when-converged"] != nil else { return nil }
        let rhat = try values.double("rhat-threshold", expectation: "a number greater than 1") { $0 > 1 }
        let ess = try values.double("ess-threshold", expectation: "a number of at least 1") { $0 >= 1 }
        let interval = try values.integer("check-every", in: 1...100_000_000)
        guard let flag = values["stop-when-converged"] else { return nil }
        switch flag.trimmingSpaces().lowercased() {
        case "true": break
        case "false": return nil
        default:
            throw UsageError("invalid value '\(flag)' for stop-when-converged: expected true or false", command: "run")
        }
        return ConvergenceStopSettings(criteria: ConvergenceCriteria(rhatThreshold: rhat, essThreshold: ess), checkInterval: interval)
    }
}
