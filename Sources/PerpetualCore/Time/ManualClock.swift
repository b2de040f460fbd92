/// A clock that moves only when told to, for tests and simulations.
///
/// A fake kernel advances it by its simulated step time and a fake
/// checkpoint sink by its simulated write time, so that budgets and stop
/// policies can be tested without waiting and without timing noise.
public final class ManualClock: MonotonicClock {
    private var current: Double

    /// Creates a clock that reads `start` seconds until it is advanced.
    public init(start: Double = 0) {
        self.current = start
    }

    public func now() -> Double { current }

    /// Moves the clock forward. Traps on a negative or non-finite amount,
    /// because a monotonic clock never goes back.
    public func advance(by seconds: Double) {
        precondition(seconds.isFinite && seconds >= 0, "ManualClock.advance(by:) needs a finite amount ≥ 0, got \(seconds)")
        current += seconds
    }
}
