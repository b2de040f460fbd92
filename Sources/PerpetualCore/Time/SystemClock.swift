#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The operating system's monotonic clock, read with
/// `clock_gettime(CLOCK_MONOTONIC)`.
///
/// It does not jump when the wall-clock time is set. On Linux it does not
/// advance while the machine is suspended, which cannot happen to a running
/// batch job.
public struct SystemClock: MonotonicClock, Sendable {
    public init() {}

    /// Returns seconds since an unspecified start, usually the boot time.
    /// Traps if `clock_gettime` fails, which POSIX allows only for an
    /// unsupported clock id.
    public func now() -> Double {
        var time = timespec()
        let result = clock_gettime(CLOCK_MONOTONIC, &time)
        precondition(result == 0, "clock_gettime(CLOCK_MONOTONIC) failed with errno \(errno)")
        return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
    }
}
