import Foundation

/// The beta distribution's regularised incomplete beta function and its
/// inverse, as far as the quantile MCSE needs them.
enum BetaDistribution {
    /// Returns the regularised incomplete beta function `I_x(a, b)` for
    /// `a, b > 0`, `0 ≤ x ≤ 1`.
    ///
    /// Evaluates the continued fraction of DLMF 8.17.22 with the modified
    /// Lentz method, on the side of the mean where it converges quickly
    /// (`I_x(a, b) = 1 - I_{1-x}(b, a)`). The prefactor `x^a (1-x)^b / B(a, b)`
    /// is formed from Stirling's series for large `a` and `b`, which avoids the
    /// cancellation of three `lgamma` values near 10⁷.
    static func cdf(_ x: Double, a: Double, b: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        if x > (a + 1) / (a + b + 2) {
            return 1 - cdf(1 - x, a: b, b: a)
        }
        return exp(logPrefactor(x, a: a, b: b)) * continuedFraction(x, a: a, b: b) / a
    }

    /// Returns the `p` quantile: the `x` with `I_x(a, b) = p`, by bisection to
    /// the resolution of a double.
    static func quantile(_ p: Double, a: Double, b: Double) -> Double {
        guard p.isFinite, a.isFinite, b.isFinite, a > 0, b > 0, p >= 0, p <= 1 else { return .nan }
        if p == 0 { return 0 }
        if p == 1 { return 1 }
        var low = 0.0
        var high = 1.0
        for _ in 0..<200 {
            let middle = 0.5 * (low + high)
            if middle <= low || middle >= high { break }
            if cdf(middle, a: a, b: b) < p {
                low = middle
            } else {
                high = middle
            }
        }
        return 0.5 * (low + high)
    }

    /// `log(x^a (1-x)^b / B(a, b))`.
    private static func logPrefactor(_ x: Double, a: Double, b: Double) -> Double {
        let stirlingThreshold = 10.0
        guard a >= stirlingThreshold, b >= stirlingThreshold else {
            return a * log(x) + b * log1p(-x) + lgamma(a + b) - lgamma(a) - lgamma(b)
        }
        // With B(a,b) = √(2π) a^(a-½) b^(b-½) (a+b)^(½-a-b) e^(δ(a)+δ(b)-δ(a+b)):
        // x^a (1-x)^b / B = (x(a+b)/a)^a ((1-x)(a+b)/b)^b √(ab/(2π(a+b))) e^(…).
        let total = a + b
        let first = a * log1p((x * total - a) / a)
        let second = b * log1p(((1 - x) * total - b) / b)
        let scale = 0.5 * log(a * b / (2 * Double.pi * total))
        return first + second + scale - (stirlingCorrection(a) + stirlingCorrection(b) - stirlingCorrection(total))
    }

    /// `δ(z) = lgamma(z) - ((z - ½) log z - z + ½ log 2π)` for `z ≥ 10`, from
    /// its asymptotic series `1/(12z) - 1/(360z³) + 1/(1260z⁵) - 1/(1680z⁷)`.
    private static func stirlingCorrection(_ z: Double) -> Double {
        let inverse = 1 / z
        let square = inverse * inverse
        return inverse * (1.0 / 12 - square * (1.0 / 360 - square * (1.0 / 1260 - square / 1680)))
    }

    /// Evaluates the continued fraction `1/(1+ d1/(1+ d2/(1+ …)))` of DLMF 8.17.22.
    private static func continuedFraction(_ x: Double, a: Double, b: Double) -> Double {
        let tiny = 1e-300
        let tolerance = 1e-16
        var c = 1.0
        var d = 1 - (a + b) * x / (a + 1)
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var result = d
        var m = 1.0
        while m < 1e7 {
            // Even coefficient d_{2m}.
            let even = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
            d = 1 + even * d
            if abs(d) < tiny { d = tiny }
            c = 1 + even / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            result *= d * c

            // Odd coefficient d_{2m+1}.
            let odd = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
            d = 1 + odd * d
            if abs(d) < tiny { d = tiny }
            c = 1 + odd / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let factor = d * c
            result *= factor
            if abs(factor - 1) < tolerance { break }
            m += 1
        }
        return result
    }
}
