/// Median, minimum and maximum of the repetitions of one measurement.
struct Summary {
    let samples: [Double]

    /// Traps on an empty sample list, because every benchmark runs at least
    /// one repetition.
    init(_ samples: [Double]) {
        precondition(!samples.isEmpty, "Summary needs at least one sample")
        self.samples = samples
    }

    /// Middle sample, or the mean of the two middle samples for an even count.
    var median: Double {
        let sorted = samples.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    var minimum: Double { samples.min()! }

    var maximum: Double { samples.max()! }

    /// Element-wise quotients `numerator[i] / denominator[i]` of two sample
    /// lists taken in pairs, so that each ratio compares measurements made
    /// next to each other in time.
    static func pairwise(_ numerator: Summary, _ denominator: Summary, _ combine: (Double, Double) -> Double) -> Summary {
        precondition(numerator.samples.count == denominator.samples.count,
                     "pairwise needs equal sample counts, got \(numerator.samples.count) and \(denominator.samples.count)")
        return Summary(zip(numerator.samples, denominator.samples).map(combine))
    }
}
