/// A periodic orthorhombic box `[lower, upper)` in every dimension, in σ.
public struct SimulationBox: Sendable, Equatable {
    public var lower: SIMD3<Double>
    public var upper: SIMD3<Double>

    public init(lower: SIMD3<Double>, upper: SIMD3<Double>) {
        self.lower = lower
        self.upper = upper
    }

    /// Edge lengths `upper - lower`.
    public var lengths: SIMD3<Double> { upper - lower }

    /// Volume in σ³.
    public var volume: Double { lengths.x * lengths.y * lengths.z }

    /// Whether every edge is finite and positive.
    public var isValid: Bool {
        let lengths = lengths
        return (0..<3).allSatisfy { lengths[$0].isFinite && lengths[$0] > 0 && lower[$0].isFinite }
    }
}
