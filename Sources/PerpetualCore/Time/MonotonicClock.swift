/// A source of monotonic time in seconds.
///
/// The origin is arbitrary, so only differences between two readings of the
/// same clock mean anything. The harness reads its clock at every step
/// boundary, so an implementation must be cheap and must not allocate.
public protocol MonotonicClock {
    /// Returns the current time in seconds since the clock's origin.
    func now() -> Double
}
