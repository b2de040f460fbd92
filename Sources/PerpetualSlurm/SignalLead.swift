import PerpetualCore

/// Seconds before the time limit at which Slurm should send the warning
/// signal (`--signal=B:<SIG>@<lead>`).
///
/// The lead is `jitter + safetyFactor × (mean step seconds + mean
/// checkpoint seconds)`, rounded up. The job must finish the step in
/// progress and write a checkpoint after the signal arrives. Slurm checks
/// time limits periodically, so the signal may come up to 60 s away from
/// the requested moment (sbatch(1), `--signal`); the jitter covers that.
public enum SignalLead {
    /// Seconds added for Slurm's signal timing.
    public static let jitterSeconds = 60.0
    /// Multiplier on the measured step and checkpoint times.
    public static let safetyFactor = 2.0
    /// Checkpoint write time assumed when no checkpoint of the job exists
    /// yet: an estimate that suits checkpoints of a few GB on a parallel
    /// file system; give `--signal-lead` for larger ones.
    public static let defaultCheckpointSeconds = 30.0
    /// Largest lead Slurm accepts: it stores the signal time in 16 bits.
    public static let maxSeconds = 65_535

    /// Returns the lead for a job whose stored accounting is `accounting`
    /// at `step`, or for a new job when `accounting` is `nil`.
    ///
    /// The mean checkpoint time is the stored checkpoint seconds divided by
    /// `segments - 1`. A checkpoint's accounting is taken before its own
    /// write, so it covers at least that many writes. Periodic checkpoints
    /// add more writes, which makes the estimate too large, not too small.
    public static func seconds(accounting: RunAccounting?, step: Int) -> Int {
        var stepSeconds = 0.0
        var checkpointSeconds = defaultCheckpointSeconds
        if let accounting {
            if step > 0 {
                stepSeconds = accounting.computeSeconds / Double(step)
            }
            if accounting.segments > 1, accounting.checkpointSeconds > 0 {
                checkpointSeconds = accounting.checkpointSeconds / Double(accounting.segments - 1)
            }
        }
        let lead = jitterSeconds + safetyFactor * (stepSeconds + checkpointSeconds)
        return min(maxSeconds, Int(lead.rounded(.up)))
    }
}
