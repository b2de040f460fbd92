import Foundation
import PerpetualCore
import Testing

/// Reading the cgroup memory limit and usage from a tree of files laid out
/// like `/proc` and `/sys/fs/cgroup`, and the host memory budget on them.
@Suite struct HostMemoryTests {
    /// A directory standing for `/`, removed by `remove()`.
    struct FakeRoot {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("perpetual-cgroup-\(UUID().uuidString)")

        func write(_ path: String, _ contents: String) throws {
            let file = url.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try contents.write(to: file, atomically: true, encoding: .utf8)
        }

        var probe: HostMemoryProbe { HostMemoryProbe(root: url.path) }

        func remove() { try? FileManager.default.removeItem(at: url) }
    }

    static let mebibyte = 1 << 20

    @Test func cgroupV2LimitAndWorkingSet() throws {
        let root = FakeRoot()
        defer { root.remove() }
        try root.write("proc/self/cgroup", "0::/slurm/job_7/step_0\n")
        try root.write("sys/fs/cgroup/slurm/job_7/step_0/memory.max", "max\n")
        try root.write("sys/fs/cgroup/slurm/job_7/step_0/memory.current", "\(300 * Self.mebibyte)\n")
        try root.write("sys/fs/cgroup/slurm/job_7/memory.max", "\(1024 * Self.mebibyte)\n")
        try root.write("sys/fs/cgroup/slurm/job_7/memory.current", "\(400 * Self.mebibyte)\n")
        try root.write("sys/fs/cgroup/slurm/job_7/memory.stat", "anon 1\ninactive_file \(100 * Self.mebibyte)\nactive_file 3\n")
        try root.write("sys/fs/cgroup/slurm/job_7/memory.events", "low 0\nhigh 0\nmax 2\noom 0\noom_kill 0\n")

        let memory = try #require(root.probe.cgroupMemory())

        #expect(memory.version == 2)
        #expect(memory.directory.hasSuffix("sys/fs/cgroup/slurm/job_7"))
        #expect(memory.limitBytes == 1024 * Self.mebibyte)
        #expect(memory.usageBytes == 400 * Self.mebibyte)
        #expect(memory.workingSetBytes == 300 * Self.mebibyte)
        #expect(memory.limitHits == 2)
    }

    @Test func cgroupV1TightestAncestor() throws {
        let root = FakeRoot()
        defer { root.remove() }
        try root.write("proc/self/cgroup", "9:name=systemd:/\n4:memory:/batch/job\n0::/\n")
        try root.write("sys/fs/cgroup/memory/memory.limit_in_bytes", "9223372036854771712\n")
        try root.write("sys/fs/cgroup/memory/memory.usage_in_bytes", "999999999\n")
        try root.write("sys/fs/cgroup/memory/batch/memory.limit_in_bytes", "\(512 * Self.mebibyte)\n")
        try root.write("sys/fs/cgroup/memory/batch/memory.usage_in_bytes", "\(200 * Self.mebibyte)\n")
        try root.write("sys/fs/cgroup/memory/batch/job/memory.limit_in_bytes", "\(2048 * Self.mebibyte)\n")
        try root.write("sys/fs/cgroup/memory/batch/job/memory.usage_in_bytes", "\(150 * Self.mebibyte)\n")
        try root.write("sys/fs/cgroup/memory/batch/memory.stat", "cache 5\ntotal_inactive_file \(50 * Self.mebibyte)\n")
        try root.write("sys/fs/cgroup/memory/batch/memory.failcnt", "0\n")

        let memory = try #require(root.probe.cgroupMemory())

        #expect(memory.version == 1)
        #expect(memory.directory.hasSuffix("sys/fs/cgroup/memory/batch"))
        #expect(memory.limitBytes == 512 * Self.mebibyte)
        #expect(memory.workingSetBytes == 150 * Self.mebibyte)
        #expect(memory.limitHits == 0)
    }

    @Test func namespacedCgroupFallsBackToMountRoot() throws {
        let root = FakeRoot()
        defer { root.remove() }
        try root.write("proc/self/cgroup", "0::/kubepods/pod42/container\n")
        try root.write("sys/fs/cgroup/memory.max", "\(256 * Self.mebibyte)\n")
        try root.write("sys/fs/cgroup/memory.current", "\(10 * Self.mebibyte)\n")

        let memory = try #require(root.probe.cgroupMemory())

        #expect(memory.limitBytes == 256 * Self.mebibyte)
        #expect(memory.workingSetBytes == 10 * Self.mebibyte)
        #expect(memory.limitHits == nil)
    }

    @Test func noLimitAnywhereGivesNil() throws {
        let root = FakeRoot()
        defer { root.remove() }
        try root.write("proc/self/cgroup", "4:memory:/x\n")
        try root.write("sys/fs/cgroup/memory/x/memory.limit_in_bytes", "9223372036854771712\n")
        try root.write("sys/fs/cgroup/memory/x/memory.usage_in_bytes", "1\n")

        #expect(root.probe.cgroupMemory() == nil)
        #expect(!HostMemoryBudget(manualLimitBytes: nil, probe: root.probe).hasLimit)
    }

    @Test func residentSetFromProcStatus() throws {
        let root = FakeRoot()
        defer { root.remove() }
        try root.write("proc/self/status", "Name:\tsimrun\nVmPeak:\t  900 kB\nVmRSS:\t  123456 kB\nThreads:\t1\n")

        #expect(root.probe.residentSetBytes() == 123_456 * 1024)
    }

    @Test func budgetStopsAtThresholdOfTighterLimit() throws {
        let root = FakeRoot()
        defer { root.remove() }
        try root.write("proc/self/cgroup", "0::/\n")
        try root.write("sys/fs/cgroup/memory.max", "\(1000 * Self.mebibyte)\n")
        try root.write("sys/fs/cgroup/memory.current", "\(500 * Self.mebibyte)\n")
        try root.write("proc/self/status", "VmRSS:\t\(180 * 1024) kB\n")
        // cgroup at 50 %, resident set 180 of 200 MiB = 90 %: the manual limit decides.
        let budget = HostMemoryBudget(manualLimitBytes: 200 * Self.mebibyte, threshold: 0.9, sampleInterval: 0, probe: root.probe)

        let reading = budget.reading(at: BudgetBoundary(now: 0, segmentSteps: 0))

        #expect(reading.unit == .bytes)
        #expect(reading.used == Double(180 * Self.mebibyte))
        #expect(reading.limit == Double(200 * Self.mebibyte))
        #expect(reading.demandsImmediateStop)
        #expect(budget.describeStop(reading) == "host memory budget nearly used: resident set size 180.0 MiB of the --memory limit 200.0 MiB, 90 % (threshold 90 %); stopping before the out-of-memory killer ends the job")
    }

    @Test func budgetStopsWhenCgroupHitsLimit() throws {
        let root = FakeRoot()
        defer { root.remove() }
        try root.write("proc/self/cgroup", "0::/\n")
        try root.write("sys/fs/cgroup/memory.max", "\(1000 * Self.mebibyte)\n")
        try root.write("sys/fs/cgroup/memory.current", "\(100 * Self.mebibyte)\n")
        try root.write("sys/fs/cgroup/memory.events", "max 4\n")
        let budget = HostMemoryBudget(manualLimitBytes: nil, sampleInterval: 0, probe: root.probe)
        let before = budget.reading(at: BudgetBoundary(now: 0, segmentSteps: 0))

        try root.write("sys/fs/cgroup/memory.events", "max 5\n")
        let after = budget.reading(at: BudgetBoundary(now: 1, segmentSteps: 1))

        #expect(!before.demandsImmediateStop)
        #expect(after.demandsImmediateStop)
        #expect(budget.describeStop(after).hasPrefix("host memory at its limit: cgroup v2 working set 100.0 MiB of its limit 1000.0 MiB"))
    }

    @Test func budgetReusesSampleWithinInterval() throws {
        let root = FakeRoot()
        defer { root.remove() }
        try root.write("proc/self/status", "VmRSS:\t1024 kB\n")
        let budget = HostMemoryBudget(manualLimitBytes: 2 * Self.mebibyte, threshold: 0.9, sampleInterval: 10, probe: root.probe)
        let first = budget.reading(at: BudgetBoundary(now: 0, segmentSteps: 0))

        try root.write("proc/self/status", "VmRSS:\t2000 kB\n")
        let cached = budget.reading(at: BudgetBoundary(now: 5, segmentSteps: 1))
        let fresh = budget.reading(at: BudgetBoundary(now: 10, segmentSteps: 2))

        #expect(first.used == Double(Self.mebibyte))
        #expect(cached.used == Double(Self.mebibyte))
        #expect(fresh.used == 2000 * 1024)
        #expect(fresh.demandsImmediateStop)
    }
}
