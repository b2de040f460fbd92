/// The most recent durations of one kind (steps or checkpoint writes), with
/// a high percentile for predictions.
///
/// Storage is allocated once in ``init(capacity:)``: adding a sample and
/// computing the percentile never allocate, so the harness can update it at
/// every step.
struct DurationWindow {
    /// Ring buffer of samples. Only the first ``count`` entries are valid
    /// until it has wrapped.
    private var samples: [Double]
    /// Sorting space for ``percentile(_:)``.
    private var sorted: [Double]
    private var nextIndex = 0
    private(set) var count = 0
    /// Percentile last computed, valid until the next ``add(_:)``.
    private var cached: (fraction: Double, value: Double)?

    init(capacity: Int) {
        precondition(capacity > 0, "DurationWindow needs a capacity > 0, got \(capacity)")
        samples = [Double](repeating: 0, count: capacity)
        sorted = [Double](repeating: 0, count: capacity)
    }

    var capacity: Int { samples.count }

    var isEmpty: Bool { count == 0 }

    /// Adds a sample, replacing the oldest one once the window is full.
    mutating func add(_ seconds: Double) {
        samples[nextIndex] = seconds
        nextIndex = (nextIndex + 1) % capacity
        count = min(count + 1, capacity)
        cached = nil
    }

    /// Largest sample, or 0 when empty. Scans the window, which is cheaper
    /// than sorting, so it serves as an upper bound of any percentile.
    func maximum() -> Double {
        var largest = 0.0
        for index in 0..<count where samples[index] > largest {
            largest = samples[index]
        }
        return largest
    }

    /// Returns the nearest-rank percentile: the smallest sample such that at
    /// least `fraction` of the samples are less than or equal to it. With
    /// fewer than `1 / (1 - fraction)` samples this is the maximum. Returns 0
    /// when empty.
    mutating func percentile(_ fraction: Double) -> Double {
        guard count > 0 else { return 0 }
        if let cached, cached.fraction == fraction {
            return cached.value
        }

        // Insertion sort: no allocation, and fast for the small windows used.
        for index in 0..<count {
            let value = samples[index]
            var position = index
            while position > 0 && sorted[position - 1] > value {
                sorted[position] = sorted[position - 1]
                position -= 1
            }
            sorted[position] = value
        }

        let rank = Int((fraction * Double(count)).rounded(.up))
        let value = sorted[min(max(rank, 1), count) - 1]
        cached = (fraction, value)
        return value
    }
}
