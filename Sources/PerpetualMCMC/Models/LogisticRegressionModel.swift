#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import PerpetualCore

/// Bayesian logistic regression with independent N(0, 1) priors on the
/// intercept and every coefficient.
///
///     beta_k ~ N(0, 1),  P(y_i = 1) = 1 / (1 + exp(-(x_i · beta))),
///
/// where `x_i` is `[1, standardised features of case i]`. The log density
/// drops additive constants. Its gradient is `Xᵀ(y - p) - beta`. Both use
/// ``VectorMath/matrixVector(_:rows:columns:_:into:)`` and
/// ``VectorMath/transposedMatrixVector(_:rows:columns:_:into:)`` on the
/// row-major design matrix, which is the kernel's hot loop.
public struct LogisticRegressionModel: LogDensityModel {
    /// Row-major design matrix `[rows, columns]`, first column all ones.
    public let design: [Double]
    /// Outcomes, 0 or 1.
    public let outcomes: [Double]
    public let rows: Int
    public let columns: Int

    /// Creates the model from a row-major feature matrix without the
    /// intercept column, which this initializer prepends.
    public init(features: [Double], outcomes: [Double], featureCount: Int) {
        precondition(featureCount > 0 && features.count == outcomes.count * featureCount,
                     "LogisticRegressionModel: \(features.count) feature values do not form \(outcomes.count) rows of \(featureCount)")
        rows = outcomes.count
        columns = featureCount + 1
        var design = [Double](repeating: 1, count: rows * columns)
        for row in 0..<rows {
            for feature in 0..<featureCount {
                design[row * columns + 1 + feature] = features[row * featureCount + feature]
            }
        }
        self.design = design
        self.outcomes = outcomes
    }

    /// Creates the model on the bundled breast-cancer data, malignant = 1,
    /// with features standardised to mean 0 and population standard deviation 1.
    /// - Throws: ``MCMCDataError`` when the bundled CSV cannot be read.
    public static func breastCancer() throws(MCMCDataError) -> LogisticRegressionModel {
        let data = try BreastCancerData.bundled.get()
        return LogisticRegressionModel(features: data.standardisedFeatures(), outcomes: data.labels,
                                       featureCount: BreastCancerData.featureCount)
    }

    public var dimension: Int { columns }

    public var traceVariables: [ModelTraceVariable] {
        [ModelTraceVariable(name: "beta", shape: [columns], dimensions: ["coefficient"])]
    }

    public func logDensity(at position: [Double], gradient: inout [Double]) -> Double {
        precondition(position.count == columns && gradient.count == columns,
                     "LogisticRegressionModel needs vectors of \(columns) elements, got \(position.count) and \(gradient.count)")
        var linearPredictor = [Double](repeating: 0, count: rows)
        multiplyDesign(position, into: &linearPredictor)

        // Log likelihood, and the residuals y - p reuse the predictor's storage.
        var logLikelihood = 0.0
        for row in 0..<rows {
            let eta = linearPredictor[row]
            logLikelihood += outcomes[row] * eta - Self.softplus(eta)
            linearPredictor[row] = outcomes[row] - Self.logistic(eta)
        }

        multiplyDesignTransposed(linearPredictor, into: &gradient)
        for coefficient in 0..<columns {
            gradient[coefficient] -= position[coefficient]
        }
        return logLikelihood - 0.5 * VectorMath.dot(position, position)
    }

    public func logDensity(at position: [Double]) -> Double {
        precondition(position.count == columns, "LogisticRegressionModel needs \(columns) coordinates, got \(position.count)")
        var linearPredictor = [Double](repeating: 0, count: rows)
        multiplyDesign(position, into: &linearPredictor)
        var logLikelihood = 0.0
        for row in 0..<rows {
            logLikelihood += outcomes[row] * linearPredictor[row] - Self.softplus(linearPredictor[row])
        }
        return logLikelihood - 0.5 * VectorMath.dot(position, position)
    }

    public func traceValues(at position: [Double]) -> [Double] {
        position
    }

    private func multiplyDesign(_ x: [Double], into y: inout [Double]) {
        design.withUnsafeBufferPointer { matrix in
            x.withUnsafeBufferPointer { vector in
                y.withUnsafeMutableBufferPointer { result in
                    VectorMath.matrixVector(matrix, rows: rows, columns: columns, vector, into: result)
                }
            }
        }
    }

    private func multiplyDesignTransposed(_ x: [Double], into y: inout [Double]) {
        design.withUnsafeBufferPointer { matrix in
            x.withUnsafeBufferPointer { vector in
                y.withUnsafeMutableBufferPointer { result in
                    VectorMath.transposedMatrixVector(matrix, rows: rows, columns: columns, vector, into: result)
                }
            }
        }
    }

    /// Returns `log(1 + exp(x))` without overflow for large `x`.
    static func softplus(_ x: Double) -> Double {
        max(x, 0) + log1p(exp(-abs(x)))
    }

    /// Returns `1 / (1 + exp(-x))` without overflow for large `|x|`.
    static func logistic(_ x: Double) -> Double {
        if x >= 0 {
            return 1 / (1 + exp(-x))
        }
        let e = exp(x)
        return e / (1 + e)
    }
}
