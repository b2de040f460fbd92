import PerpetualCore

/// A split of a labelled data set into a training part and a held-out
/// part, with each class split in the same proportion.
public struct StratifiedSplit: Sendable, Equatable {
    /// Indices of the training images, ascending.
    public var training: [Int]
    /// Indices of the held-out images, ascending.
    public var holdout: [Int]

    /// Splits `labels` so that each class gives `fraction` of its images,
    /// rounded to the nearest whole image (halves up), to the held-out part.
    ///
    /// Which images of a class are held out comes from a Fisher-Yates shuffle
    /// of the class's indices, driven by ``CounterRNG`` stream `stream` at
    /// step 0 of `seed` and then by the class: the same seed always gives
    /// the same split. Traps unless `fraction` is in [0, 1).
    public init(labels: [Int], classCount: Int, fraction: Double, seed: UInt64, stream: UInt32) {
        precondition(fraction >= 0 && fraction < 1, "StratifiedSplit needs a held-out fraction in [0, 1), got \(fraction)")
        var training: [Int] = []
        var holdout: [Int] = []
        for label in 0..<classCount {
            var members = labels.indices.filter { labels[$0] == label }
            var random = CounterRNG(seed: seed, stream: stream, step: UInt64(label))
            Shuffle.fisherYates(&members, using: &random)
            let held = Int((Double(members.count) * fraction).rounded(.toNearestOrAwayFromZero))
            holdout.append(contentsOf: members.prefix(held))
            training.append(contentsOf: members.dropFirst(held))
        }
        self.training = training.sorted()
        self.holdout = holdout.sorted()
    }
}

/// Shuffles driven by a ``CounterRNG``, so that a shuffle is a pure
/// function of the generator's seed, stream and step.
public enum Shuffle {
    /// Shuffles `values` in place by Fisher-Yates from the last position
    /// down. Each swap draws an index below `i + 1` from the top 53 bits of
    /// one 64-bit word by multiplication. The probabilities of the indices
    /// differ from uniform by less than `(i + 1) / 2^53`.
    public static func fisherYates<T>(_ values: inout [T], using random: inout CounterRNG) {
        guard values.count > 1 else { return }
        for i in stride(from: values.count - 1, to: 0, by: -1) {
            let j = min(i, Int(Double(random.next() >> 11) * 0x1p-53 * Double(i + 1)))
            values.swapAt(i, j)
        }
    }

    /// Returns `0..<count` shuffled by ``fisherYates(_:using:)``.
    public static func permutation(count: Int, using random: inout CounterRNG) -> [Int] {
        var values = Array(0..<count)
        fisherYates(&values, using: &random)
        return values
    }
}
