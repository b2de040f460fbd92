/// Options of `simrun run` and `simrun --resume` that every kernel shares.
enum RunOptions {
    static let kernel = OptionSpec(
        "kernel", value: "NAME", default: "mcmc", role: .physics,
        help: "Kernel to run. Available: mcmc, md, train.")
    static let checkpoint = OptionSpec(
        "checkpoint", value: "PATH", default: "checkpoint.h5", role: .execution,
        help: "Checkpoint file. The newest generation is always at PATH; older ones sit beside it as <stem>.step-<N>.h5, and the trace in <stem>.trace.h5.")
    static let walltime = OptionSpec(
        "walltime", value: "TIME", default: "UNLIMITED", role: .execution,
        help: "Wall-clock budget of this segment, counted from process start. Slurm formats (MM, MM:SS, HH:MM:SS, D-HH, D-HH:MM, D-HH:MM:SS, UNLIMITED) or a number with a unit (90s, 15m, 2h, 1d).")
    static let checkpointEvery = OptionSpec(
        "checkpoint-every", value: "STEPS|TIME", role: .execution,
        help: "Also write a checkpoint periodically: every STEPS steps (a plain integer) or every TIME (a number with a unit: 30s, 10m). 'auto' uses Daly's optimal interval from the measured checkpoint time and --mtbi. 'none' turns periodic checkpoints off.")
    static let keep = OptionSpec(
        "keep", value: "K", default: "2", role: .execution,
        help: "Checkpoint generations to keep, the newest included (1 to 100).")
    static let stopPolicy = OptionSpec(
        "stop-policy", value: "NAME", default: "predictive", role: .execution,
        help: "When to stop before a budget runs out. predictive: when the time left would not cover the next steps, the checkpoint write and a safety margin. threshold: when a budget is used up to --stop-threshold.")
    static let stopThreshold = OptionSpec(
        "stop-threshold", value: "FRACTION", default: "0.85", role: .execution,
        help: "Budget fraction at which the threshold policy stops (0 < FRACTION ≤ 1).")
    static let segmentSteps = OptionSpec(
        "segment-steps", value: "N", role: .execution,
        help: "Stop this segment with a checkpoint after N steps, even if budgets remain. 'none' removes a limit stored by an earlier segment.")
    static let progressInterval = OptionSpec(
        "progress-interval", value: "SECONDS", default: "10", role: .execution,
        help: "Seconds between progress lines in the log.")
    static let coordinationInterval = OptionSpec(
        "coordination-interval", value: "SECONDS", default: "0.05", role: .execution,
        help: "Under mpirun or srun: seconds of work between two checks where all ranks agree whether to stop. A signal to one rank takes effect within about this time plus one step.")
    static let memory = OptionSpec(
        "memory", value: "SIZE", role: .execution,
        help: "Host memory limit of the process, such as 4GiB or Slurm's 4G, compared with its resident set size. A cgroup limit (Slurm's --mem) is read by itself; the tighter of the two applies. 'none' removes a limit stored by an earlier segment.")
    static let memoryThreshold = OptionSpec(
        "memory-threshold", value: "FRACTION", default: "0.9", role: .execution,
        help: "Fraction of the host memory limit at which the job checkpoints and exits 75, before the out-of-memory killer fires (0 < FRACTION ≤ 1).")
    static let mtbi = OptionSpec(
        "mtbi", value: "TIME", role: .execution,
        help: "Mean time between interruptions (node failures, preemptions) for --checkpoint-every auto, as a time with a unit (6h, 1d). Without it the chain's own interruptions estimate it, and 24h is assumed before the first one.")
    static let diskReserve = OptionSpec(
        "disk-reserve", value: "SIZE", default: "0B", role: .execution,
        help: "Free space to leave in the checkpoint directory after each checkpoint, such as 1GiB. A checkpoint that would not fit is not started: the job keeps the previous checkpoint and exits 75. 'none' turns the disk check off.")
    static let coreHours = OptionSpec(
        "core-hours", value: "LIMIT", role: .execution,
        help: "Core-hours the whole chain may use (ranks × cores per rank × elapsed hours, summed over all segments). When they run out, the job checkpoints and exits 3, so a chain stops. 'none' removes a limit stored by an earlier segment.")
    static let coresPerRank = OptionSpec(
        "cores-per-rank", value: "N", default: "auto", role: .execution,
        help: "Cores charged per rank for --core-hours and the accounting. 'auto' reads SLURM_CPUS_PER_TASK, else 1.")
    static let config = OptionSpec(
        "config", value: "FILE", role: .invocation,
        help: "JSON file of option values, keyed by option name without dashes, for example {\"model\": \"eight-schools\", \"draws\": 2000}. Command-line options take precedence.")
    static let resume = OptionSpec(
        "resume", value: "PATH", role: .invocation,
        help: "Resume the job whose checkpoint is at PATH. Execution options (walltime, checkpoint cadence, stop policy) may be changed; the kernel's settings come from the checkpoint.")
    static let help = OptionSpec(
        "help", value: nil, role: .invocation, help: "Show this help.")

    /// Options shared by `run` and `--resume`, in the order `--help` lists them.
    static let shared: [OptionSpec] = [
        checkpoint, walltime, checkpointEvery, keep, stopPolicy, stopThreshold,
        segmentSteps, progressInterval, coordinationInterval, memory, memoryThreshold,
        mtbi, diskReserve, coreHours, coresPerRank,
    ]
}
