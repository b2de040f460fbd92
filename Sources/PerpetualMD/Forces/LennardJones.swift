/// The 12-6 Lennard-Jones pair potential in reduced units (ε = σ = 1),
/// truncated at a cutoff:
///
///     E(r) = 4 (r⁻¹² − r⁻⁶) − E_shift   for r < r_c, else 0
///
/// with `E_shift = 4 (r_c⁻¹² − r_c⁻⁶)` when shifted and 0 otherwise. The
/// force on atom i from atom j is `F = f·(r_i − r_j)` with the scalar
/// `f = 24 r⁻⁸ (2 r⁻⁶ − 1) = r⁻² r⁻⁶ (48 r⁻⁶ − 24)`; the shift does not
/// change it.
public struct LennardJones: Sendable, Equatable {
    public let cutoff: Double
    public let cutoffSquared: Double
    /// Energy subtracted from every pair inside the cutoff.
    public let energyShift: Double

    public init(cutoff: Double, shifted: Bool) {
        self.cutoff = cutoff
        cutoffSquared = cutoff * cutoff
        if shifted {
            let inverse6 = 1 / (cutoffSquared * cutoffSquared * cutoffSquared)
            energyShift = 4 * inverse6 * (inverse6 - 1)
        } else {
            energyShift = 0
        }
    }

    /// Pair energy at squared distance `r2`, including the shift; 0 at or beyond the cutoff.
    public func energy(distanceSquared r2: Double) -> Double {
        guard r2 < cutoffSquared else { return 0 }
        let inverse6 = 1 / (r2 * r2 * r2)
        return 4 * inverse6 * (inverse6 - 1) - energyShift
    }
}

/// Sums over all pairs from one force evaluation, each pair counted once.
public struct PairTotals: Sendable, Equatable {
    /// Potential energy Σ E(r_ij) in ε.
    public var energy: Double
    /// Virial Σ r_ij · F_ij in ε, the pair part of `3 P V`.
    public var virial: Double

    public init(energy: Double, virial: Double) {
        self.energy = energy
        self.virial = virial
    }
}
