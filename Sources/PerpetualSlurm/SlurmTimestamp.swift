import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Slurm's local time stamps, as `squeue -o %e` and `scontrol show job`
/// print them: `2026-12-04T21:50:12`, in the time zone of the command.
public enum SlurmTimestamp {
    /// Converts a time stamp in the local time zone to seconds since the
    /// Unix epoch, with `mktime` deciding daylight saving time.
    ///
    /// - Throws: ``SlurmError`` with ``SlurmError/Code/invalidOutput``
    ///   quoting `text` when it is not `YYYY-MM-DDTHH:MM:SS`, for example
    ///   `N/A` or `Unknown`, which Slurm prints for jobs without an end time.
    public static func epochSeconds(fromLocal text: String) throws(SlurmError) -> Double {
        let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let halves = value.split(separator: "T", omittingEmptySubsequences: false)
        let date = halves.first.map { $0.split(separator: "-", omittingEmptySubsequences: false) } ?? []
        let time = halves.count == 2 ? halves[1].split(separator: ":", omittingEmptySubsequences: false) : []
        let fields = (date + time).map { Int($0) }
        guard halves.count == 2, date.count == 3, time.count == 3, fields.allSatisfy({ $0 != nil }) else {
            throw SlurmError(.invalidOutput, "'\(text)' is not a Slurm time stamp of the form YYYY-MM-DDTHH:MM:SS")
        }

        let numbers = fields.map { $0! }
        var parts = tm()
        parts.tm_year = Int32(numbers[0] - 1900)
        parts.tm_mon = Int32(numbers[1] - 1)
        parts.tm_mday = Int32(numbers[2])
        parts.tm_hour = Int32(numbers[3])
        parts.tm_min = Int32(numbers[4])
        parts.tm_sec = Int32(numbers[5])
        parts.tm_isdst = -1
        let seconds = mktime(&parts)
        guard seconds != -1 else {
            throw SlurmError(.invalidOutput, "'\(text)' is not a valid local time")
        }
        return Double(seconds)
    }
}
