import Foundation
import Testing

/// A full disk (a small tmpfs) and an I/O error (injected into the HDF5
/// wrapper layer) during a checkpoint. The previous generation stays byte
/// for byte and no temporary file remains. The log names the path and the
/// errno, and the run fails with exit code 1.
@Suite(.serialized) struct DiskFaultTests {
    @Test(arguments: Job.all)
    func ioErrorKeepsPreviousCheckpoint(_ job: Job) throws {
        let scratch = try Scratch("eio-\(job.kernel)")
        defer { scratch.remove() }
        let first = try Simrun.run(job.run(extra: ["--segment-steps", "10"]), in: scratch.url)
        try #require(first.exitCode == 75, "\(first.standardError)")
        let before = try scratch.data("job.h5")

        // The third H5Dwrite of the next commit lies in the generation file
        // (a segment, when there are rows, takes one write).
        let failed = try Simrun.run(["--resume", "job.h5", "--segment-steps", "10"], in: scratch.url,
                                    environment: ["PERPETUAL_TEST_FAIL_HDF5_WRITE": "EIO:3"])

        #expect(failed.exitCode == 1, "\(failed.standardError)")
        #expect(failed.standardError.contains("job.h5"), "\(failed.standardError)")
        #expect(failed.standardError.contains("errno 5"), "\(failed.standardError)")
        #expect(failed.standardError.contains("Input/output error"), "\(failed.standardError)")
        #expect(try scratch.data("job.h5") == before)
        #expect(scratch.temporaryFiles().isEmpty, "temporary files left: \(scratch.temporaryFiles())")
        _ = try Compare.resumeUntilComplete(in: scratch)
        try Compare.expectMatchesReference(job, in: scratch, "after an I/O error")
    }

    @Test(.enabled(if: getuid() == 0, "mounting a tmpfs needs root"))
    func fullDiskKeepsPreviousCheckpoint() throws {
        let scratch = try Scratch("enospc")
        defer { scratch.remove() }
        let mount = try TmpfsMount(at: scratch.url.appendingPathComponent("disk"), sizeKiB: 512)
        defer { mount.unmount() }
        let disk = try Scratch(existing: mount.url)

        let first = try Simrun.run(Job.mcmc.run(extra: ["--segment-steps", "30"]), in: disk.url)
        try #require(first.exitCode == 75, "\(first.standardError)")
        let before = try disk.data("job.h5")
        try mount.fill(leavingBytes: 4096)

        // The disk budget would reject this checkpoint before writing it, as
        // BudgetJobTests checks. With the budget off, the write meets ENOSPC.
        let failed = try Simrun.run(["--resume", "job.h5", "--segment-steps", "20", "--disk-reserve", "none"], in: disk.url)

        #expect(failed.exitCode == 1, "\(failed.standardError)")
        #expect(failed.standardError.contains("errno 28"), "\(failed.standardError)")
        #expect(failed.standardError.contains("No space left on device"), "\(failed.standardError)")
        #expect(failed.standardError.contains("job.h5") || failed.standardError.contains("job.trace.d/rows-"), "\(failed.standardError)")
        #expect(try disk.data("job.h5") == before)
        #expect(disk.temporaryFiles().isEmpty, "temporary files left: \(disk.temporaryFiles())")

        // With space again the job resumes from the intact generation.
        try mount.removeFill()
        _ = try Compare.resumeUntilComplete(in: disk)
        try Compare.expectMatchesReference(.mcmc, in: disk, "after a full disk")
    }
}

/// A tmpfs of a given size mounted for one test; `unmount()` removes it.
struct TmpfsMount {
    let url: URL
    private var fillPath: String { url.appendingPathComponent("fill").path }

    init(at url: URL, sizeKiB: Int) throws {
        self.url = url
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        try runTool("mount", ["-t", "tmpfs", "-o", "size=\(sizeKiB)k", "tmpfs", url.path])
    }

    /// Writes a file that leaves about `bytes` free (`statvfs`).
    func fill(leavingBytes bytes: Int) throws {
        var status = statvfs()
        guard statvfs(url.path, &status) == 0 else { throw SetupError("statvfs \(url.path) failed: errno \(errno)") }
        let free = Int(status.f_bavail) * Int(status.f_frsize)
        try Data(count: max(0, free - bytes)).write(to: URL(fileURLWithPath: fillPath))
    }

    func removeFill() throws {
        try FileManager.default.removeItem(atPath: fillPath)
    }

    func unmount() {
        try? runTool("umount", [url.path])
    }
}

extension Scratch {
    /// Wraps a directory that exists already; `remove()` removes it.
    init(existing url: URL) throws {
        self.url = url
    }
}
