/// A job's walltime limit: a number of seconds, or no limit at all.
///
/// ``parse(_:)`` reads the strings that Slurm's `--time` option takes, and a
/// few unit forms for convenience. ``slurmTimeArgument`` and
/// ``slurmMinutes(forSeconds:)`` go the other way.
public enum Walltime: Sendable, Equatable {
    /// A limit in seconds, always finite and greater than 0.
    case limited(seconds: Double)
    /// No limit, written `UNLIMITED` or `INFINITE`.
    case unlimited

    /// The limit in seconds, or `nil` when there is none.
    public var seconds: Double? {
        switch self {
        case .limited(let seconds): seconds
        case .unlimited: nil
        }
    }
}

extension Walltime {
    /// Maximum minute count of a Slurm time limit. Slurm passes limits as
    /// `uint32_t` minutes (`mins2time_str` in `src/common/parse_time.c`) and
    /// reserves its INFINITE value, so this stays one below `UInt32.max`.
    public static let maxSlurmMinutes = Int(UInt32.max) - 1

    /// Returns Slurm's `--time` value in whole minutes for a duration in
    /// seconds, rounded up and never less than 1.
    ///
    /// Slurm keeps time limits in whole minutes and reads `0` as "no limit",
    /// so a job that needs 30 s requests 1 minute and 61 s requests 2.
    /// Traps when `seconds` is negative, not finite, or more minutes than
    /// Slurm can store, because callers compute it from a parsed limit.
    public static func slurmMinutes(forSeconds seconds: Double) -> Int {
        precondition(seconds.isFinite && seconds >= 0, "slurmMinutes(forSeconds:) needs a finite duration ≥ 0, got \(seconds)")
        let minutes = (seconds / 60).rounded(.up)
        precondition(minutes <= Double(maxSlurmMinutes), "a walltime of \(seconds) s exceeds Slurm's largest time limit of \(maxSlurmMinutes) minutes")
        return max(1, Int(minutes))
    }

    /// The value to pass as `sbatch --time`: whole minutes such as `15`, or
    /// `UNLIMITED`.
    public var slurmTimeArgument: String {
        switch self {
        case .limited(let seconds): String(Walltime.slurmMinutes(forSeconds: seconds))
        case .unlimited: "UNLIMITED"
        }
    }
}
