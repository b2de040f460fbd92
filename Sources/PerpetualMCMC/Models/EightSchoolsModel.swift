#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The eight-schools hierarchical model of Rubin (1981), non-centred, as in
/// posteriordb's `eight_schools_noncentered`.
///
///     mu ~ N(0, 5),  tau ~ half-Cauchy(0, 5),  theta_tilde_j ~ N(0, 1),
///     theta_j = mu + tau * theta_tilde_j,  y_j ~ N(theta_j, sigma_j).
///
/// Unconstrained coordinates: `[mu, log tau, theta_tilde_1 ... theta_tilde_8]`.
/// The log density includes the Jacobian `log tau` of `tau = exp(log tau)` and
/// drops additive constants.
public struct EightSchoolsModel: LogDensityModel {
    /// Estimated treatment effects of the eight schools.
    public static let effects: [Double] = [28, 8, -3, 7, -1, 1, 18, 12]
    /// Standard errors of the effects.
    public static let standardErrors: [Double] = [15, 10, 16, 11, 9, 11, 10, 18]

    static let schoolCount = 8
    static let muScale = 5.0
    static let tauScale = 5.0

    public init() {}

    public var dimension: Int { 2 + Self.schoolCount }

    public var traceVariables: [ModelTraceVariable] {
        [
            ModelTraceVariable(name: "mu"),
            ModelTraceVariable(name: "tau"),
            ModelTraceVariable(name: "theta_tilde", shape: [Self.schoolCount], dimensions: ["school"]),
            ModelTraceVariable(name: "theta", shape: [Self.schoolCount], dimensions: ["school"]),
        ]
    }

    public func logDensity(at position: [Double], gradient: inout [Double]) -> Double {
        precondition(position.count == dimension && gradient.count == dimension,
                     "EightSchoolsModel needs vectors of \(dimension) elements, got \(position.count) and \(gradient.count)")
        let mu = position[0]
        let logTau = position[1]
        let tau = exp(logTau)

        // Priors, with the Jacobian of tau = exp(log tau).
        let tauRatio = tau / Self.tauScale
        var logDensity = -0.5 * mu * mu / (Self.muScale * Self.muScale)
            - log1p(tauRatio * tauRatio) + logTau
        var gradientMu = -mu / (Self.muScale * Self.muScale)
        var gradientTau = -2 * tau / (Self.tauScale * Self.tauScale + tau * tau)

        // School effects and likelihood.
        for school in 0..<Self.schoolCount {
            let thetaTilde = position[2 + school]
            let variance = Self.standardErrors[school] * Self.standardErrors[school]
            let residual = Self.effects[school] - (mu + tau * thetaTilde)
            logDensity += -0.5 * thetaTilde * thetaTilde - 0.5 * residual * residual / variance
            gradientMu += residual / variance
            gradientTau += residual * thetaTilde / variance
            gradient[2 + school] = -thetaTilde + residual * tau / variance
        }

        gradient[0] = gradientMu
        gradient[1] = tau * gradientTau + 1
        return logDensity
    }

    public func traceValues(at position: [Double]) -> [Double] {
        let mu = position[0]
        let tau = exp(position[1])
        let thetaTilde = Array(position[2..<(2 + Self.schoolCount)])
        let theta = thetaTilde.map { mu + tau * $0 }
        return [mu, tau] + thetaTilde + theta
    }
}
