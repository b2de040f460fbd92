/// Reads the memory limit and usage that decide when the out-of-memory
/// killer ends this process: the cgroup's, as Slurm and container runtimes
/// set them, and the process's resident set size.
///
/// The cgroup is found from `/proc/self/cgroup`. For cgroup v2 the probe
/// reads `memory.max`, `memory.current`, `memory.stat` and `memory.events`
/// under `/sys/fs/cgroup`, or `/sys/fs/cgroup/unified` on a hybrid layout.
/// For cgroup v1 it reads `memory.limit_in_bytes`, `memory.usage_in_bytes`,
/// `memory.stat` and `memory.failcnt` under `/sys/fs/cgroup/memory`. The
/// process's own cgroup and each ancestor up to the mount root are
/// examined, and the smallest limit wins, because a limit on a parent
/// (a Slurm job above its steps) applies to all its children. When the
/// cgroup path from `/proc/self/cgroup` does not exist, as inside a
/// container with its own cgroup namespace, the mount root is read instead.
public struct HostMemoryProbe: Sendable {
    /// Directory that replaces `/` in every path read; tests point it at a tree of files.
    public var root: String

    public init(root: String = "") {
        self.root = root
    }

    /// cgroup v1 stores "no limit" as a page-rounded `LONG_MAX`
    /// (9223372036854771712 on x86-64); anything from 2^62 on is read as none.
    static let unlimitedV1 = 1 << 62

    /// Returns the tightest cgroup memory limit of this process with its
    /// usage, or `nil` when no memory controller is readable or no cgroup
    /// on the path has a limit.
    public func cgroupMemory() -> CgroupMemory? {
        guard let membership = SystemFile.read(root + "/proc/self/cgroup") else { return nil }
        var v1Path: String?
        var v2Path: String?
        for line in membership.split(separator: "\n") {
            let fields = line.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
            guard fields.count == 3 else { continue }
            if fields[0] == "0" && fields[1].isEmpty {
                v2Path = String(fields[2])
            } else if fields[1].split(separator: ",").contains("memory") {
                v1Path = String(fields[2])
            }
        }

        // A v1 memory controller takes precedence: on a hybrid layout the
        // unified hierarchy has no memory files.
        if let v1Path, let memory = tightest(version: 1, mount: root + "/sys/fs/cgroup/memory", path: v1Path) {
            return memory
        }
        if let v2Path {
            for mount in [root + "/sys/fs/cgroup", root + "/sys/fs/cgroup/unified"] {
                if let memory = tightest(version: 2, mount: mount, path: v2Path) { return memory }
            }
        }
        return nil
    }

    /// Returns the resident set size of this process from `VmRSS` in
    /// `/proc/self/status`, or `nil` when it cannot be read.
    public func residentSetBytes() -> Int? {
        guard let status = SystemFile.read(root + "/proc/self/status") else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") {
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard fields.count == 3, fields[2] == "kB", let kibibytes = Int(fields[1]) else { return nil }
            return kibibytes * 1024
        }
        return nil
    }

    /// Examines the cgroup at `path` below `mount` and its ancestors, and
    /// returns the one with the smallest limit.
    private func tightest(version: Int, mount: String, path: String) -> CgroupMemory? {
        var directories: [String] = []
        var components = path.split(separator: "/").map(String.init)
        while true {
            let directory = mount + (components.isEmpty ? "" : "/" + components.joined(separator: "/"))
            if SystemFile.isDirectory(directory) { directories.append(directory) }
            if components.isEmpty { break }
            components.removeLast()
        }
        var best: CgroupMemory?
        for directory in directories {
            guard let memory = read(version: version, directory: directory) else { continue }
            if best == nil || memory.limitBytes < best!.limitBytes { best = memory }
        }
        return best
    }

    /// Reads one cgroup's limit and usage; `nil` when it has no limit or
    /// its files are missing.
    private func read(version: Int, directory: String) -> CgroupMemory? {
        let limitFile = version == 2 ? "memory.max" : "memory.limit_in_bytes"
        let usageFile = version == 2 ? "memory.current" : "memory.usage_in_bytes"
        guard let limitText = SystemFile.read("\(directory)/\(limitFile)")?.trimmingSpaces() else { return nil }
        let limitLine = limitText.split(separator: "\n").first.map(String.init) ?? ""
        guard limitLine != "max", let limit = Int(limitLine), limit > 0, limit < Self.unlimitedV1 else { return nil }
        guard let usage = SystemFile.readInteger("\(directory)/\(usageFile)") else { return nil }

        // Inactive page cache is reclaimed before the OOM killer runs, so it
        // does not count towards the working set.
        let stat = SystemFile.read("\(directory)/memory.stat") ?? ""
        let inactiveKey = version == 2 ? "inactive_file" : "total_inactive_file"
        let inactive = SystemFile.keyedValue(inactiveKey, in: stat) ?? 0

        let limitHits: Int?
        if version == 2 {
            limitHits = SystemFile.read("\(directory)/memory.events").flatMap { SystemFile.keyedValue("max", in: $0) }
        } else {
            limitHits = SystemFile.readInteger("\(directory)/memory.failcnt")
        }
        return CgroupMemory(version: version, directory: directory, limitBytes: limit,
                            usageBytes: usage, workingSetBytes: max(0, usage - inactive), limitHits: limitHits)
    }
}

/// One cgroup's memory limit and usage, as read by ``HostMemoryProbe``.
public struct CgroupMemory: Sendable, Equatable {
    /// 1 or 2.
    public var version: Int
    /// Directory of the cgroup whose limit this is.
    public var directory: String
    /// `memory.max` (v2) or `memory.limit_in_bytes` (v1).
    public var limitBytes: Int
    /// `memory.current` (v2) or `memory.usage_in_bytes` (v1), page cache included.
    public var usageBytes: Int
    /// Usage without inactive file pages (`inactive_file` of `memory.stat`,
    /// `total_inactive_file` in v1), the part the kernel cannot reclaim
    /// without swapping.
    public var workingSetBytes: Int
    /// How often usage reached the limit: the `max` count of
    /// `memory.events` (v2) or `memory.failcnt` (v1); `nil` when unreadable.
    public var limitHits: Int?

    public init(version: Int, directory: String, limitBytes: Int, usageBytes: Int, workingSetBytes: Int, limitHits: Int?) {
        self.version = version
        self.directory = directory
        self.limitBytes = limitBytes
        self.usageBytes = usageBytes
        self.workingSetBytes = workingSetBytes
        self.limitHits = limitHits
    }
}
