import Foundation
import Testing

/// HDF5 file locking: readers next to a writer, and a file system without
/// `flock`. Every case ends within the timeout of ``Simrun/wait(timeout:)``.
@Suite(.serialized) struct LockingTests {
    @Test func statusAndReportWhileCheckpointIsWritten() throws {
        let scratch = try Scratch("reader")
        defer { scratch.remove() }
        let first = try Simrun.run(Job.mcmc.run(extra: ["--segment-steps", "30"]), in: scratch.url)
        try #require(first.exitCode == 75, "\(first.standardError)")

        // The writer stops with its next generation open in a temporary file.
        let writer = try Simrun(["--resume", "job.h5", "--segment-steps", "10"], in: scratch.url,
                                environment: ["PERPETUAL_TEST_STOP_AT": "checkpoint-open:1"])
        try writer.waitUntilStopped()
        let status = try Simrun.run(["status", "job.h5"], in: scratch.url)
        let report = try Simrun.run(["report", "job.h5"], in: scratch.url)
        writer.send(SIGCONT)
        let written = try writer.wait()

        #expect(status.exitCode == 0, "\(status.standardError)")
        #expect(status.standardOutput.contains("step=30"), "\(status.standardOutput)")
        // Exit 2 means the report ran and found the short chains unconverged.
        #expect(report.exitCode == 0 || report.exitCode == 2, "\(report.standardError)")
        #expect(report.standardOutput.contains("mu"), "\(report.standardOutput)")
        #expect(written.exitCode == 75, "\(written.standardError)")
    }

    @Test func readerOfFileOpenForWriting() throws {
        let scratch = try Scratch("locked")
        defer { scratch.remove() }
        let first = try Simrun.run(Job.mcmc.run(extra: ["--segment-steps", "30"]), in: scratch.url)
        try #require(first.exitCode == 75, "\(first.standardError)")

        // Another program (h5py) has the newest generation open for writing.
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        holder.arguments = ["python3", "-c", "import h5py, sys\nf = h5py.File('job.h5', 'r+')\nprint('open', flush=True)\nsys.stdin.read()"]
        holder.currentDirectoryURL = scratch.url
        let input = Pipe()
        let output = Pipe()
        holder.standardInput = input
        holder.standardOutput = output
        try holder.run()
        defer {
            try? input.fileHandleForWriting.close()
            holder.waitUntilExit()
        }
        let opened = String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
        try #require(opened.hasPrefix("open"), "h5py did not open the file: \(opened)")

        let blocked = try Simrun.run(["status", "job.h5"], in: scratch.url)
        let unlocked = try Simrun.run(["status", "job.h5"], in: scratch.url, environment: ["HDF5_USE_FILE_LOCKING": "FALSE"])

        #expect(blocked.exitCode == 1, "\(blocked.standardError)")
        #expect(blocked.standardError.contains("job.h5"), "\(blocked.standardError)")
        #expect(blocked.standardError.contains("another process has it open for writing"), "\(blocked.standardError)")
        #expect(blocked.standardError.contains("HDF5_USE_FILE_LOCKING=FALSE"), "\(blocked.standardError)")
        #expect(unlocked.exitCode == 0, "\(unlocked.standardError)")
        #expect(unlocked.standardOutput.contains("step=30"), "\(unlocked.standardOutput)")
    }

    @Test func fileSystemWithoutFlock() throws {
        let scratch = try Scratch("noflock")
        defer { scratch.remove() }
        let library = try buildFlockPreload(errorName: "ENOLCK", in: scratch)
        let environment = ["LD_PRELOAD": library]

        let failed = try Simrun.run(Job.mcmc.run(extra: ["--segment-steps", "30"]), in: scratch.url, environment: environment)
        let before = scratch.names()

        #expect(failed.exitCode == 1, "\(failed.standardError)")
        #expect(failed.standardError.contains("does not support flock"), "\(failed.standardError)")
        #expect(failed.standardError.contains("HDF5_USE_FILE_LOCKING=FALSE"), "\(failed.standardError)")
        #expect(failed.standardError.contains("errno 37"), "\(failed.standardError)")
        #expect(!before.contains("job.h5"))
        #expect(scratch.temporaryFiles().isEmpty, "temporary files left: \(scratch.temporaryFiles())")

        // With HDF5's locking turned off the same job runs; the job lock
        // warns that it could not be taken.
        try? FileManager.default.removeItem(atPath: scratch.path("job.trace.d"))
        var unlocked = environment
        unlocked["HDF5_USE_FILE_LOCKING"] = "FALSE"
        let ran = try Simrun.run(Job.mcmc.run(extra: ["--segment-steps", "30"]), in: scratch.url, environment: unlocked)
        #expect(ran.exitCode == 75, "\(ran.standardError)")
        #expect(ran.standardError.contains("the file system does not support flock"), "\(ran.standardError)")
    }

    @Test func flockNotImplementedIsIgnoredByHDF5() throws {
        let scratch = try Scratch("flock-enosys")
        defer { scratch.remove() }
        let library = try buildFlockPreload(errorName: "ENOSYS", in: scratch)

        let ran = try Simrun.run(Job.mcmc.run(extra: ["--segment-steps", "30"]), in: scratch.url, environment: ["LD_PRELOAD": library])

        // HDF5 1.10.8 skips file locking when flock fails with ENOSYS; only
        // the job lock warns that two segments could run at once.
        #expect(ran.exitCode == 75, "\(ran.standardError)")
        #expect(ran.standardError.contains("the file system does not support flock"), "\(ran.standardError)")
        #expect(ran.standardError.contains("Function not implemented"), "\(ran.standardError)")
        let status = try Simrun.run(["status", "job.h5"], in: scratch.url, environment: ["LD_PRELOAD": library])
        #expect(status.exitCode == 0, "\(status.standardError)")
        #expect(status.standardOutput.contains("step=30"), "\(status.standardOutput)")
    }

    /// Compiles `Preload/flock_failure.c` into a shared library in `scratch`
    /// whose flock fails with the errno named `errorName`.
    private func buildFlockPreload(errorName: String, in scratch: Scratch) throws -> String {
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Preload/flock_failure.c").path
        let library = scratch.path("flock_\(errorName).so")
        try runTool("cc", ["-shared", "-fPIC", "-DFLOCK_ERRNO=\(errorName)", "-o", library, source])
        return library
    }
}
