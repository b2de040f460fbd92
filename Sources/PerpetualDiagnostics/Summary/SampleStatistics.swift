/// Plain sample statistics with numpy's conventions.
enum SampleStatistics {
    static func mean<Values: Collection<Double>>(_ values: Values) -> Double {
        values.reduce(0, +) / Double(values.count)
    }

    /// Sample variance with `ddof` degrees of freedom subtracted from the count
    /// (numpy's `var(ddof=…)`): `Σ (x - x̄)² / (n - ddof)`.
    static func variance<Values: Collection<Double>>(_ values: Values, ddof: Int) -> Double {
        let average = mean(values)
        let sum = values.reduce(0) { $0 + ($1 - average) * ($1 - average) }
        return sum / Double(values.count - ddof)
    }
}
