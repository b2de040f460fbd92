/// Stan's windowed warm-up plan for the metric: a fast initial buffer that
/// adapts only the step size, slow windows that also collect draws for the
/// metric and double in length, and a fast terminal buffer.
///
/// With the defaults (75, 25, 50), 1000 warm-up iterations give metric
/// windows ending after iterations 99, 149, 249, 449 and 949 (0-based), the
/// last window stretched to the start of the terminal buffer. When
/// `initBuffer + baseWindow + termBuffer` exceeds the warm-up length, the
/// plan shrinks as Stan's does: 15 % initial buffer, 10 % terminal buffer,
/// and one window over the remaining 75 %. Below 20 warm-up iterations
/// there is no metric adaptation, only step-size adaptation.
///
/// The plan depends on the warm-up length only, so a restarted kernel
/// recomputes it instead of reading it from a checkpoint.
struct WarmupSchedule: Equatable, Sendable {
    static let defaultInitBuffer = 75
    static let defaultTermBuffer = 50
    static let defaultBaseWindow = 25
    static let minimumAdaptiveWarmup = 20

    let warmup: Int
    /// First iteration whose draw enters the variance estimator.
    let firstCollected: Int
    /// One past the last iteration whose draw enters the variance estimator.
    let collectionEnd: Int
    /// Iterations after which the metric is updated, ascending.
    let windowEnds: [Int]

    init(warmup: Int) {
        self.warmup = warmup
        guard warmup >= Self.minimumAdaptiveWarmup else {
            firstCollected = 0
            collectionEnd = 0
            windowEnds = []
            return
        }

        var initBuffer = Self.defaultInitBuffer
        var termBuffer = Self.defaultTermBuffer
        var baseWindow = Self.defaultBaseWindow
        if initBuffer + baseWindow + termBuffer > warmup {
            initBuffer = Int(0.15 * Double(warmup))
            termBuffer = Int(0.1 * Double(warmup))
            baseWindow = warmup - (initBuffer + termBuffer)
        }
        firstCollected = initBuffer
        collectionEnd = warmup - termBuffer
        windowEnds = Self.windowEnds(initBuffer: initBuffer, baseWindow: baseWindow, lastEnd: warmup - termBuffer - 1)
    }

    /// Window ends by Stan's rule: each window doubles the previous one, and
    /// a window is stretched to `lastEnd` when the one after it would not
    /// fit before the terminal buffer.
    private static func windowEnds(initBuffer: Int, baseWindow: Int, lastEnd: Int) -> [Int] {
        var ends: [Int] = []
        var windowSize = baseWindow
        var nextEnd = initBuffer + windowSize - 1
        while nextEnd <= lastEnd {
            ends.append(nextEnd)
            if nextEnd == lastEnd { break }
            let windowStart = nextEnd + 1
            windowSize *= 2
            nextEnd = windowStart + windowSize - 1
            if nextEnd != lastEnd && nextEnd + 2 * windowSize >= lastEnd + 1 {
                nextEnd = lastEnd
            }
        }
        return ends
    }

    /// Returns whether the draw of warm-up iteration `iteration` enters the variance estimator.
    func collects(_ iteration: Int) -> Bool {
        iteration >= firstCollected && iteration < collectionEnd
    }

    /// Returns whether the metric is updated after warm-up iteration `iteration`.
    func endsWindow(_ iteration: Int) -> Bool {
        windowEnds.contains(iteration)
    }
}
