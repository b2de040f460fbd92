import Foundation
import Testing

/// simrun inside a real cgroup v1 memory limit: the host memory budget
/// must stop a job with a checkpoint and exit 75 before the cgroup's
/// out-of-memory killer ends it.
///
/// The job trains one hidden layer of 4096 with batches of 64 for one
/// epoch, then with the whole training set (1346 images), which adds
/// about 100 MiB of device tensors, and so of host memory, in one step.
/// The limit is 192 MiB and the threshold half of it: the job starts
/// under 96 MiB and stops after the first full batch, with 192 MiB minus
/// the peak (122 MiB when measured) left before the limit.
@Suite(.serialized, .enabled(if: MemoryCgroup.canCreate,
                             "needs root and a writable cgroup v1 memory hierarchy at /sys/fs/cgroup/memory"))
struct CgroupMemoryLimitTests {
    static let limitBytes = 192 << 20
    static let job = ["run", "--kernel", "train", "--widths", "4096", "--seed", "1", "--epochs", "3",
                      "--batch-size", "64", "--batch-schedule", "1:1346", "--device-memory", "1GiB",
                      "--memory-threshold", "0.5", "--checkpoint", "job.h5"]

    /// The built simrun: `SIMRUN_BINARY` when set (`make test` sets it),
    /// else the debug build.
    static var simrun: String {
        if let path = ProcessInfo.processInfo.environment["SIMRUN_BINARY"] { return path }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/simrun").path
    }

    @Test func trainJobCheckpointsBeforeCgroupLimit() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.simrun), "no simrun binary at \(Self.simrun); build it first")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("perpetual-cgroup-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let cgroup = try MemoryCgroup(limitBytes: Self.limitBytes)
        defer { cgroup.remove() }

        let run = try cgroup.run(Self.simrun, Self.job, in: directory)

        #expect(run.status == 75, "simrun in \(cgroup.path): \(run.log)")
        #expect(run.log.contains("stopping: host memory budget nearly used: cgroup v1 working set"), "\(run.log)")
        #expect(run.log.contains("of its limit 192.0 MiB (\(cgroup.path))"), "\(run.log)")
        #expect(cgroup.integer("memory.failcnt") == 0, "the cgroup reached its limit")
        #expect(cgroup.oomKills == 0)

        // The checkpoint contains the completed steps, and the job finishes
        // from it outside the limit.
        let resume = try runProcess(Self.simrun, ["--resume", "job.h5"], in: directory)
        #expect(resume.status == 0, "resume: \(resume.log)")
        #expect(resume.log.contains("resuming train job from job.h5 at step 23 of 24"), "\(resume.log)")
    }
}
