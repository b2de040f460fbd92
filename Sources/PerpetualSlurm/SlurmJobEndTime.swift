import Foundation
import Synchronization

/// The end of the running Slurm job's time limit, and where it came from.
public struct SlurmJobEndTime: Sendable, Equatable {
    /// Origin of the end time.
    public enum Source: String, Sendable, Equatable {
        /// The `SLURM_JOB_END_TIME` environment variable (seconds since
        /// the epoch), which Slurm sets in newer releases but not in 22.05.
        case environment = "SLURM_JOB_END_TIME"
        /// `squeue -h -j <job id> -o %e`, a local time stamp.
        case squeue = "squeue"
    }

    public var jobID: String
    /// End of the time limit in seconds since the Unix epoch.
    public var epochSeconds: Double
    public var source: Source

    public init(jobID: String, epochSeconds: Double, source: Source) {
        self.jobID = jobID
        self.epochSeconds = epochSeconds
        self.source = source
    }
}

extension SlurmJobEndTime {
    /// End times already read in this process, by job id, so that later
    /// calls reuse the first result instead of running `squeue` again.
    private static let cache = Mutex<[String: SlurmJobEndTime]>([:])

    /// Returns the end time of the Slurm job this process runs in, or `nil`
    /// outside a Slurm job (no `SLURM_JOB_ID`) or for a job without a time
    /// limit.
    ///
    /// `SLURM_JOB_END_TIME` is used when set to a number; otherwise
    /// `squeue -h -j $SLURM_JOB_ID -o %e` runs and its result is cached
    /// for the life of the process. For a job array task the id is
    /// `SLURM_ARRAY_JOB_ID_SLURM_ARRAY_TASK_ID`, as squeue names it.
    /// - Throws: ``SlurmError`` when `squeue` fails or prints something other
    ///   than a time stamp, `UNLIMITED`, `NONE`, `N/A` or `Unknown`.
    public static func current(environment: [String: String] = ProcessInfo.processInfo.environment,
                               squeue: String = "squeue") throws(SlurmError) -> SlurmJobEndTime? {
        guard let jobID = jobIdentifier(environment) else { return nil }
        if let cached = cache.withLock({ $0[jobID] }) {
            return cached
        }

        let endTime: SlurmJobEndTime?
        if let text = environment["SLURM_JOB_END_TIME"], let seconds = Double(text.trimmingCharacters(in: .whitespaces)), seconds > 0 {
            endTime = SlurmJobEndTime(jobID: jobID, epochSeconds: seconds, source: .environment)
        } else {
            let output = try SlurmCommand(squeue, ["-h", "-j", jobID, "-o", "%e"]).run(environment: environment)
            endTime = try parseSqueueEndTime(output, jobID: jobID)
        }
        if let endTime {
            cache.withLock { $0[jobID] = endTime }
        }
        return endTime
    }

    /// Returns the job id as squeue takes it.
    static func jobIdentifier(_ environment: [String: String]) -> String? {
        if let array = environment["SLURM_ARRAY_JOB_ID"], let task = environment["SLURM_ARRAY_TASK_ID"], !array.isEmpty, !task.isEmpty {
            return "\(array)_\(task)"
        }
        guard let id = environment["SLURM_JOB_ID"], !id.isEmpty else { return nil }
        return id
    }

    /// Reads the single line `squeue -o %e` prints for one job. Returns
    /// `nil` for a job without an end time (`UNLIMITED`, `NONE`, `N/A`,
    /// `Unknown`).
    /// - Throws: ``SlurmError`` with ``SlurmError/Code/invalidOutput`` when
    ///   the output is empty (the job is not known to squeue) or not a time
    ///   stamp.
    public static func parseSqueueEndTime(_ output: String, jobID: String) throws(SlurmError) -> SlurmJobEndTime? {
        let lines = output.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard let line = lines.first else {
            throw SlurmError(.invalidOutput, "squeue printed no end time for job \(jobID); the job is not in the queue")
        }
        if ["UNLIMITED", "NONE", "N/A", "UNKNOWN"].contains(line.uppercased()) {
            return nil
        }
        let seconds = try SlurmTimestamp.epochSeconds(fromLocal: line)
        return SlurmJobEndTime(jobID: jobID, epochSeconds: seconds, source: .squeue)
    }
}
