import PerpetualCore

/// Wall-clock timing on the monotonic clock (`clock_gettime(CLOCK_MONOTONIC)`
/// through ``SystemClock``).
enum Stopwatch {
    private static let clock = SystemClock()

    /// Runs `body` once and returns its result and the seconds it took.
    static func time<Result>(_ body: () throws -> Result) rethrows -> (result: Result, seconds: Double) {
        let begin = clock.now()
        let result = try body()
        return (result, clock.now() - begin)
    }

    /// Returns an iteration count for which `body(count)` takes about
    /// `targetSeconds`: the count doubles from 1 until one run takes at
    /// least a tenth of the target, then scales linearly.
    static func calibrate(targetSeconds: Double, _ body: (Int) -> Void) -> Int {
        var count = 1
        while true {
            let seconds = time { body(count) }.seconds
            if seconds >= targetSeconds / 10 || count >= 1 << 40 {
                let scaled = Double(count) * targetSeconds / max(seconds, 1e-9)
                return max(1, Int(scaled.rounded()))
            }
            count *= 2
        }
    }
}

/// Runs `repetitions` pairs of a baseline and a subject measurement,
/// alternating which one goes first, so that a slow phase of a shared
/// machine hits both about equally. Each closure returns one sample.
func alternate(repetitions: Int, baseline: () throws -> Double,
               subject: () throws -> Double) rethrows -> (baseline: Summary, subject: Summary) {
    var baselineSamples: [Double] = []
    var subjectSamples: [Double] = []
    for repetition in 0..<repetitions {
        if repetition % 2 == 0 {
            baselineSamples.append(try baseline())
            subjectSamples.append(try subject())
        } else {
            subjectSamples.append(try subject())
            baselineSamples.append(try baseline())
        }
    }
    return (Summary(baselineSamples), Summary(subjectSamples))
}
