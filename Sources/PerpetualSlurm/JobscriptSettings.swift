import PerpetualCore

/// Everything a generated chain job script needs. ``JobscriptRenderer``
/// turns it into the script text.
public struct JobscriptSettings: Sendable, Equatable {
    /// Method of starting the next segment of a chain.
    public enum Continuation: String, Sendable {
        /// `sbatch --dependency=afterany:<this job>,singleton` with the same
        /// script: each segment gets a new job id and output file.
        case submit
        /// `scontrol requeue <this job>`: the job keeps its id and output
        /// file. The job must be requeueable (`--requeue`).
        case requeue
    }

    /// `--time` of every segment.
    public var timeLimit: Walltime
    public var nodes: Int?
    /// Tasks (MPI ranks); more than one launches `srun --mpi=pmix`.
    public var tasks: Int
    public var cpusPerTask: Int
    /// `--mem`, passed through as given, for example `4G`.
    public var memory: String?
    public var partition: String?
    public var account: String?
    /// `--job-name`; it also names the chain for `--dependency=singleton`.
    public var jobName: String
    /// `--output` of each segment, relative to ``workingDirectory``.
    public var outputPattern: String
    public var signal: StopSignalName
    public var signalLeadSeconds: Int
    /// Segments after which the chain stops even with work remaining;
    /// 0 for no limit.
    public var maxSegments: Int
    /// Core-hours the whole chain may use; `nil` for no limit.
    public var coreHourBudget: Double?
    public var continuation: Continuation

    /// Absolute path of the `simrun` binary.
    public var simrunPath: String
    /// Directory the job runs in (`--chdir`); relative paths in
    /// ``runArguments`` are relative to it.
    public var workingDirectory: String
    /// Absolute path the script is written to, which each segment submits.
    public var scriptPath: String
    /// Checkpoint path of the job, as ``runArguments`` gives it.
    public var checkpointPath: String
    /// Arguments of the first segment's `simrun run`.
    public var runArguments: [String]

    public init(timeLimit: Walltime, nodes: Int? = nil, tasks: Int = 1, cpusPerTask: Int = 1,
                memory: String? = nil, partition: String? = nil, account: String? = nil,
                jobName: String, outputPattern: String, signal: StopSignalName = .usr1,
                signalLeadSeconds: Int, maxSegments: Int = 100, coreHourBudget: Double? = nil,
                continuation: Continuation = .submit, simrunPath: String, workingDirectory: String,
                scriptPath: String, checkpointPath: String, runArguments: [String]) {
        self.timeLimit = timeLimit
        self.nodes = nodes
        self.tasks = tasks
        self.cpusPerTask = cpusPerTask
        self.memory = memory
        self.partition = partition
        self.account = account
        self.jobName = jobName
        self.outputPattern = outputPattern
        self.signal = signal
        self.signalLeadSeconds = signalLeadSeconds
        self.maxSegments = maxSegments
        self.coreHourBudget = coreHourBudget
        self.continuation = continuation
        self.simrunPath = simrunPath
        self.workingDirectory = workingDirectory
        self.scriptPath = scriptPath
        self.checkpointPath = checkpointPath
        self.runArguments = runArguments
    }

    /// CPUs requested per segment: tasks × CPUs per task.
    public var requestedCPUs: Int { tasks * cpusPerTask }

    /// Directory of the chain's bookkeeping files (segment count, lock,
    /// core-seconds, done and stopped markers), beside the checkpoint.
    public var chainDirectory: String { checkpointPath + ".chain" }
}
