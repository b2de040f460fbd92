#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The wall-clock (Unix) time, read with `clock_gettime(CLOCK_REALTIME)`.
///
/// Only the segment records of the accounting use it, to place segments of
/// one chain on a common time line. Budgets and timings use the monotonic
/// clock, which does not jump when the system time is set.
public enum RealtimeClock {
    /// Returns seconds since 1970-01-01 00:00 UTC. Traps if `clock_gettime`
    /// fails, which POSIX allows only for an unsupported clock id.
    public static func epochSeconds() -> Double {
        var time = timespec()
        let result = clock_gettime(CLOCK_REALTIME, &time)
        precondition(result == 0, "clock_gettime(CLOCK_REALTIME) failed with errno \(errno)")
        return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
    }
}
