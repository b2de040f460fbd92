/// A posterior density on an unconstrained space ℝ^dimension, with the map
/// from a point of that space to the values written to the trace.
///
/// Constrained parameters are sampled through a transform, and
/// ``logDensity(at:gradient:)`` must include the log absolute Jacobian
/// determinant of that transform. Additive constants may be dropped, as
/// Stan's `lp__` drops them.
public protocol LogDensityModel: Sendable {
    /// Number of unconstrained coordinates.
    var dimension: Int { get }

    /// Trace variables of one chain, in the order ``traceValues(at:)`` returns
    /// them. Shapes and dimension names exclude the `chain` dimension, which
    /// the kernel prepends.
    var traceVariables: [ModelTraceVariable] { get }

    /// Returns the log density at `position` and writes its gradient into
    /// `gradient`, which has `dimension` elements. May return a non-finite
    /// value where the density vanishes or overflows.
    func logDensity(at position: [Double], gradient: inout [Double]) -> Double

    /// Returns the log density at `position` without the gradient.
    func logDensity(at position: [Double]) -> Double

    /// Returns the constrained values of all ``traceVariables`` at `position`,
    /// concatenated in order and each flattened row-major.
    func traceValues(at position: [Double]) -> [Double]
}

extension LogDensityModel {
    public func logDensity(at position: [Double]) -> Double {
        var gradient = [Double](repeating: 0, count: dimension)
        return logDensity(at: position, gradient: &gradient)
    }
}

/// One per-chain variable of a model's trace, for example `theta` with shape
/// `[8]` and dimension `school`.
public struct ModelTraceVariable: Sendable, Equatable {
    public var name: String
    /// Shape of one chain's value; `[]` for a scalar.
    public var shape: [Int]
    /// Name of each dimension in `shape`.
    public var dimensions: [String]

    public init(name: String, shape: [Int] = [], dimensions: [String] = []) {
        precondition(shape.count == dimensions.count, "model trace variable '\(name)' has shape \(shape) but dimension names \(dimensions)")
        self.name = name
        self.shape = shape
        self.dimensions = dimensions
    }

    public var valueCount: Int { shape.reduce(1, *) }
}
