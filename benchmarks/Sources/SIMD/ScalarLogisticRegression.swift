import Foundation
import PerpetualCore
import PerpetualMCMC

/// The log density and gradient of ``LogisticRegressionModel`` computed with
/// ``ScalarReference`` in place of ``VectorMath``: the baseline of the
/// log-density benchmark. Same formula, same data, summation left to right.
struct ScalarLogisticRegression {
    let model: LogisticRegressionModel

    /// Returns `Σ y_i η_i − softplus(η_i) − ½ β·β` with `η = X β`, and writes
    /// the gradient `Xᵀ(y − p) − β` into `gradient`.
    func logDensity(at position: [Double], gradient: inout [Double]) -> Double {
        let rows = model.rows
        let columns = model.columns
        var residuals = ScalarReference.matrixVector(model.design, rows: rows, columns: columns, position)
        var logLikelihood = 0.0
        for row in 0..<rows {
            let eta = residuals[row]
            logLikelihood += model.outcomes[row] * eta - (max(eta, 0) + log1p(exp(-abs(eta))))
            residuals[row] = model.outcomes[row] - Self.logistic(eta)
        }

        gradient = ScalarReference.transposedMatrixVector(model.design, rows: rows, columns: columns, residuals)
        for coefficient in 0..<columns {
            gradient[coefficient] -= position[coefficient]
        }
        return logLikelihood - 0.5 * ScalarReference.dot(position, position)
    }

    private static func logistic(_ x: Double) -> Double {
        if x >= 0 {
            return 1 / (1 + exp(-x))
        }
        let e = exp(x)
        return e / (1 + e)
    }
}
