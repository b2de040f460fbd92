import Foundation

/// Number formatting shared by the report renderers.
enum NumberFormat {
    /// Full precision: the shortest decimal that reads back as the same
    /// double (Swift's `description`), for JSON and CSV.
    static func exact(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value > 0 ? "inf" : "-inf" }
        return "\(value)"
    }

    /// Four significant digits for tables; `-` for a missing value.
    static func short(_ value: Double?) -> String {
        guard let value else { return "-" }
        if value.isInfinite { return value > 0 ? "inf" : "-inf" }
        if value.isNaN { return "nan" }
        if value != 0, abs(value) < 1e-3 || abs(value) >= 1e6 { return String(format: "%.3e", value) }
        return String(format: "%.4g", value)
    }

    /// ESS as a whole number.
    static func count(_ value: Double?) -> String {
        guard let value else { return "-" }
        if !value.isFinite { return short(value) }
        // A threshold such as --ess-threshold 1e23 is beyond Int.max.
        if value.magnitude >= 1e15 { return String(format: "%.0f", value) }
        return String(Int(value.rounded()))
    }
}
