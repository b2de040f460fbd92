import Foundation
import Testing

/// The disk and core-hours budgets and the efficiency figures, through the
/// built binary.
@Suite(.serialized) struct BudgetJobTests {
    static let job = ["--kernel", "mcmc", "--model", "eight-schools", "--chains", "2",
                      "--warmup", "200", "--draws", "1000", "--seed", "5"]

    /// Mounts a tmpfs of `megabytes` at `directory`, unmounted by `unmount`.
    static func mountTmpfs(at directory: URL, megabytes: Int) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let mount = try Self.command("/bin/mount", ["-t", "tmpfs", "-o", "size=\(megabytes)m", "tmpfs", directory.path])
        guard mount.status == 0 else {
            throw TestSetupError("mount -t tmpfs at \(directory.path) failed (\(mount.status)): \(mount.output)")
        }
    }

    static func unmount(_ directory: URL) {
        _ = try? Self.command("/bin/umount", [directory.path])
    }

    static func command(_ path: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// Returns the `key=value` lines of `simrun status` as a dictionary.
    static func status(_ checkpoint: String, in directory: URL) throws -> [String: String] {
        let result = try SimrunProcess.run(["status", checkpoint], in: directory)
        try #require(result.exitCode == 0, "simrun status failed: \(result.standardError)")
        var values: [String: String] = [:]
        for line in result.standardOutput.split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1)
            if parts.count == 2 { values[String(parts[0])] = String(parts[1]) }
        }
        return values
    }

    /// Fills the file system of `directory` so that `freeBytes` remain.
    static func fill(_ directory: URL, leaving freeBytes: Int) throws {
        let attributes = try FileManager.default.attributesOfFileSystem(forPath: directory.path)
        let free = (attributes[.systemFreeSize] as? NSNumber)?.intValue ?? 0
        try #require(free > freeBytes, "only \(free) bytes free on \(directory.path)")
        let filler = Data(count: free - freeBytes)
        try filler.write(to: directory.appendingPathComponent("filler"))
    }

    @Test(.enabled(if: getuid() == 0, "mounting a tmpfs needs root"))
    func fullDiskKeepsPreviousCheckpoint() throws {
        let scratch = try ScratchDirectory("disk-full")
        defer { scratch.remove() }
        let disk = scratch.url.appendingPathComponent("disk")
        try Self.mountTmpfs(at: disk, megabytes: 8)
        defer { Self.unmount(disk) }
        let checkpoint = "disk/job.h5"

        let first = try SimrunProcess.run(["run"] + Self.job + ["--checkpoint", checkpoint, "--segment-steps", "300"], in: scratch.url)
        try #require(first.exitCode == 75, "first segment failed: \(first.standardError)")
        let before = try Data(contentsOf: URL(fileURLWithPath: scratch.path(checkpoint)))

        // The checkpoint is about 20 KiB; the budget requests its size plus
        // 10 % and 256 KiB, which 150 KiB free does not cover.
        try Self.fill(disk, leaving: 150 * 1024)
        let full = try SimrunProcess.run(["--resume", checkpoint, "--segment-steps", "300"], in: scratch.url)
        #expect(full.exitCode == 75)
        #expect(full.standardError.contains("not enough disk space for the next checkpoint in disk:"))
        #expect(full.standardError.contains("bytes) free"))
        #expect(full.standardError.contains("bytes) needed"))
        #expect(full.standardError.contains("the previous checkpoint in disk/job.h5 is kept"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: scratch.path(checkpoint))) == before)
        #expect(try Self.status(checkpoint, in: scratch.url)["step"] == "300")

        // With the space back, the job continues from the kept checkpoint.
        try FileManager.default.removeItem(at: disk.appendingPathComponent("filler"))
        let freed = try SimrunProcess.run(["--resume", checkpoint, "--segment-steps", "300"], in: scratch.url)
        #expect(freed.exitCode == 75, "\(freed.standardError)")
        #expect(try Self.status(checkpoint, in: scratch.url)["step"] == "600")

        // A reserve larger than the file system stops before any write.
        let reserved = try SimrunProcess.run(["--resume", checkpoint, "--disk-reserve", "1GiB"], in: scratch.url)
        #expect(reserved.exitCode == 75)
        #expect(reserved.standardError.contains("is the --disk-reserve"))
        #expect(try Self.status(checkpoint, in: scratch.url)["step"] == "600")
    }

    @Test func freshJobWithoutSpaceFails() throws {
        let scratch = try ScratchDirectory("disk-reserve")
        defer { scratch.remove() }
        let result = try SimrunProcess.run(["run"] + Self.job + ["--checkpoint", "job.h5", "--disk-reserve", "1000TiB"], in: scratch.url)
        #expect(result.exitCode == 1)
        #expect(result.standardError.contains("no checkpoint was written and none exists yet"))
        #expect(!FileManager.default.fileExists(atPath: scratch.path("job.h5")))
    }

    @Test func exhaustedCoreHoursStopChain() throws {
        let scratch = try ScratchDirectory("core-hours")
        defer { scratch.remove() }
        let first = try SimrunProcess.run(["run"] + Self.job + ["--checkpoint", "job.h5", "--segment-steps", "100",
                                                                 "--cores-per-rank", "4"], in: scratch.url)
        try #require(first.exitCode == 75, "first segment failed: \(first.standardError)")
        let used = Double(try Self.status("job.h5", in: scratch.url)["core_hours"] ?? "") ?? -1
        #expect(used > 0)

        // A limit below what the first segment used stops at once.
        let limited = try SimrunProcess.run(["--resume", "job.h5", "--core-hours", "\(used / 2)"], in: scratch.url)
        #expect(limited.exitCode == 3)
        #expect(limited.standardError.contains("core-hours budget of the chain nearly used"))
        #expect(limited.standardError.contains("The chain stops (exit code 3): raise --core-hours"))
        #expect(try Self.status("job.h5", in: scratch.url)["step"] == "100")

        // Raising the limit lets the chain go on.
        let raised = try SimrunProcess.run(["--resume", "job.h5", "--core-hours", "1000", "--segment-steps", "100"], in: scratch.url)
        #expect(raised.exitCode == 75, "\(raised.standardError)")
        #expect(try Self.status("job.h5", in: scratch.url)["step"] == "200")
    }

    @Test func killedSegmentReportsLostSteps() throws {
        let scratch = try ScratchDirectory("lost-work")
        defer { scratch.remove() }
        let long = ["--kernel", "mcmc", "--model", "eight-schools", "--chains", "2", "--warmup", "200",
                    "--draws", "200000", "--seed", "5"]
        // The interval is wide enough that the kill lands between two
        // checkpoints even on a fast machine, where a progress line
        // (every 0.05 s) can cover a few thousand steps.
        let every = 20_000
        let running = try SimrunProcess(["run"] + long + ["--checkpoint", "job.h5", "--checkpoint-every", "\(every)",
                                                          "--progress-interval", "0.05"], in: scratch.url)
        try JobChain.waitForText("periodic checkpoint at step \(every)", in: running)
        // Kill once the progress marker is past the checkpoint, long before
        // the next one.
        let deadline = Date().addingTimeInterval(60)
        var markerStep = 0
        while Date() < deadline, markerStep <= every {
            let marker = (try? String(contentsOfFile: scratch.path(".job.progress"), encoding: .utf8)) ?? ""
            markerStep = marker.split(separator: " ").first { $0.hasPrefix("step=") }.flatMap { Int($0.dropFirst(5)) } ?? 0
            usleep(5_000)
        }
        running.send(SIGKILL)
        _ = try running.wait()

        let resumed = try SimrunProcess.run(["--resume", "job.h5", "--segment-steps", "10"], in: scratch.url)
        #expect(resumed.exitCode == 75, "\(resumed.standardError)")
        #expect(resumed.standardError.contains("efficiency: chain of 2 segments"))
        let status = try Self.status("job.h5", in: scratch.url)
        let lost = Int(status["lost_steps"] ?? "") ?? -1
        #expect(status["interruptions"] == "1")
        try #require(markerStep < 2 * every, "the job passed its next checkpoint before the kill; marker at step \(markerStep)")
        #expect(status["step"] == "\(every + 10)")
        #expect(lost >= markerStep - every)
        #expect(lost > 0)
        #expect(status["segments_with_unknown_loss"] == "0")
        #expect(status["segment_1"]?.contains("lost \(lost) steps") == true)
        #expect(status["mtbi_seconds"] != "unknown")
        #expect(status["daly_interval_seconds"] != "unknown")
    }

    @Test func checkpointEveryAutoUsesDaly() throws {
        let scratch = try ScratchDirectory("daly-auto")
        defer { scratch.remove() }
        let result = try SimrunProcess.run(["run"] + Self.job + ["--checkpoint", "job.h5", "--checkpoint-every", "auto",
                                                                  "--mtbi", "6h", "--segment-steps", "50"], in: scratch.url)
        #expect(result.exitCode == 75)
        #expect(result.standardError.contains("periodic checkpoints at Daly's optimal interval for a mean time between interruptions of 6h00m from --mtbi"))
        let status = try Self.status("job.h5", in: scratch.url)
        #expect(status["mtbi_seconds"] == "21600.0")
        #expect(status["daly_interval_seconds"] != "unknown")
    }

    @Test func reportHasEfficiencySection() throws {
        let scratch = try ScratchDirectory("report-efficiency")
        defer { scratch.remove() }
        let run = try SimrunProcess.run(["run"] + Self.job + ["--checkpoint", "job.h5", "--mtbi", "1d"], in: scratch.url)
        try #require(run.exitCode == 0, "job failed: \(run.standardError)")

        let text = try SimrunProcess.run(["report", "job.h5"], in: scratch.url)
        #expect(text.standardOutput.contains("\nefficiency\n  chain of 1 segment: allocated "))
        #expect(text.standardOutput.contains("  segment 1: allocated "))

        let json = try SimrunProcess.run(["report", "--json", "job.h5"], in: scratch.url)
        let object = try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any]
        let efficiency = try #require(object?["efficiency"] as? [String: Any])
        #expect(efficiency["checkpoint_count"] as? Int == 1)
        #expect(efficiency["interruptions"] as? Int == 0)
        #expect(efficiency["mtbi_seconds"] as? Double == 86_400)
        #expect(efficiency["mtbi_source"] as? String == "given")
        #expect((efficiency["daly_interval_seconds"] as? Double ?? 0) > 0)
        #expect((efficiency["segments"] as? [Any])?.count == 1)
    }

    struct InvalidOption: Sendable, CustomTestStringConvertible {
        var arguments: [String]
        var message: String
        var testDescription: String { arguments.joined(separator: " ") }
    }

    @Test(arguments: [
        InvalidOption(arguments: ["--mtbi", "0s"], message: "invalid value '0s' for --mtbi"),
        InvalidOption(arguments: ["--disk-reserve", "5"], message: "invalid value '5' for --disk-reserve"),
        InvalidOption(arguments: ["--core-hours", "-1"], message: "invalid value '-1' for --core-hours"),
        InvalidOption(arguments: ["--cores-per-rank", "0"], message: "value 0 for --cores-per-rank is out of range"),
    ])
    func invalidBudgetOptions(_ option: InvalidOption) throws {
        let scratch = try ScratchDirectory("budget-usage")
        defer { scratch.remove() }
        let result = try SimrunProcess.run(["run"] + Self.job + ["--checkpoint", "job.h5"] + option.arguments, in: scratch.url)
        #expect(result.exitCode == 64)
        #expect(result.standardError.contains(option.message))
    }
}
