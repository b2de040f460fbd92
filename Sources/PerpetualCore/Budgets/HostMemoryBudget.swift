/// A limit on the host memory of the process, so that a job checkpoints
/// before the out-of-memory killer ends it.
///
/// Two limits are watched, and the one closer to being reached decides:
/// - the cgroup limit that ``HostMemoryProbe`` finds (Slurm's `--mem` sets
///   it on clusters), against the cgroup's working set;
/// - a limit given by hand (`--memory`), against the process's resident
///   set size (`VmRSS`).
///
/// The budget demands a stop when the used fraction reaches
/// ``threshold``. It also demands one when the cgroup reports that its
/// usage hit the limit since the budget was created (`max` in
/// `memory.events`, `memory.failcnt` in v1), because the kernel is then
/// reclaiming memory to stay under it.
///
/// Reading `/proc` and `/sys` costs a few microseconds, more than a fast
/// kernel's step, so the files are read at most once every
/// ``sampleInterval`` seconds and the last sample is reused in between.
/// Memory that grows within one interval is seen late: keep the threshold
/// low enough for that growth plus the checkpoint write.
public final class HostMemoryBudget: Budget {
    /// Limit set by hand, compared with the resident set size; `nil` for none.
    public let manualLimitBytes: Int?
    /// Used fraction at which the budget demands a stop, in (0, 1].
    public let threshold: Double
    /// Seconds between two reads of the memory files.
    public let sampleInterval: Double
    let probe: HostMemoryProbe

    /// The cgroup found at creation; later samples reread its files.
    public private(set) var cgroup: CgroupMemory?
    /// The cgroup's limit-hit count at creation.
    let initialLimitHits: Int?
    private var sampleTime = -Double.infinity
    private var lastReading: BudgetReading
    private var residentBytes = 0

    /// Name of this budget's readings.
    public static let name = "host memory"

    /// Creates the budget and reads the cgroup once. Traps unless
    /// `threshold` is in (0, 1], `sampleInterval` ≥ 0 and a manual limit is
    /// positive.
    public init(manualLimitBytes: Int?, threshold: Double = 0.9, sampleInterval: Double = 0.1,
                probe: HostMemoryProbe = HostMemoryProbe()) {
        precondition(threshold > 0 && threshold <= 1, "HostMemoryBudget needs a threshold in (0, 1], got \(threshold)")
        precondition(sampleInterval >= 0, "HostMemoryBudget needs a sample interval ≥ 0 seconds, got \(sampleInterval)")
        if let manualLimitBytes {
            precondition(manualLimitBytes > 0, "HostMemoryBudget needs a manual limit > 0 bytes, got \(manualLimitBytes)")
        }
        self.manualLimitBytes = manualLimitBytes
        self.threshold = threshold
        self.sampleInterval = sampleInterval
        self.probe = probe
        let cgroup = probe.cgroupMemory()
        self.cgroup = cgroup
        self.initialLimitHits = cgroup?.limitHits
        self.lastReading = BudgetReading(name: Self.name, unit: .bytes, used: 0, limit: 1,
                                         secondsLeft: nil, demandsImmediateStop: false)
    }

    /// Whether there is any limit to watch: a cgroup limit or a manual one.
    /// Without one the budget never stops a run, and callers may leave it out.
    public var hasLimit: Bool { cgroup != nil || manualLimitBytes != nil }

    public func reading(at boundary: BudgetBoundary) -> BudgetReading {
        guard boundary.now - sampleTime >= sampleInterval else { return lastReading }
        sampleTime = boundary.now
        lastReading = sample()
        return lastReading
    }

    /// Reads the memory files and returns the reading of the tighter limit.
    func sample() -> BudgetReading {
        var used = 0.0
        var limit = Double.infinity
        var limitHit = false
        if cgroup != nil, let current = probe.cgroupMemory() {
            cgroup = current
            used = Double(current.workingSetBytes)
            limit = Double(current.limitBytes)
            if let hits = current.limitHits, let initial = initialLimitHits, hits > initial {
                limitHit = true
            }
        }
        if let manualLimitBytes, let resident = probe.residentSetBytes() {
            residentBytes = resident
            if limit.isInfinite || Double(resident) / Double(manualLimitBytes) > used / limit {
                used = Double(resident)
                limit = Double(manualLimitBytes)
            }
        }
        guard limit.isFinite else {
            return BudgetReading(name: Self.name, unit: .bytes, used: 0, limit: 1, secondsLeft: nil, demandsImmediateStop: false)
        }
        return BudgetReading(name: Self.name, unit: .bytes, used: used, limit: limit, secondsLeft: nil,
                             demandsImmediateStop: limitHit || used / limit >= threshold)
    }

    public func describeStop(_ reading: BudgetReading) -> String {
        let percent = Int((100 * reading.usedFraction).rounded())
        let used = ByteSize.format(Int(reading.used))
        let limit = ByteSize.format(Int(reading.limit))
        let thresholdPercent = Int((100 * threshold).rounded())
        let source: String
        if let manualLimitBytes, Int(reading.limit) == manualLimitBytes {
            source = "resident set size \(used) of the --memory limit \(limit)"
        } else if let cgroup {
            source = "cgroup v\(cgroup.version) working set \(used) of its limit \(limit) (\(cgroup.directory))"
        } else {
            source = "\(used) of \(limit)"
        }
        if let cgroup, let hits = cgroup.limitHits, let initial = initialLimitHits, hits > initial {
            return "host memory at its limit: \(source), \(percent) %; the cgroup reached its limit \(hits - initial) times since the start, so the out-of-memory killer is near"
        }
        return "host memory budget nearly used: \(source), \(percent) % (threshold \(thresholdPercent) %); stopping before the out-of-memory killer ends the job"
    }
}
