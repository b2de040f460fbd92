import Foundation
import Testing
import PerpetualSlurm

/// Job chains on a real Slurm cluster, driven only through the script that
/// `simrun jobscript` writes. Every test works in a directory whose name
/// contains spaces, quotes, `$` and backticks, with a checkpoint name of
/// the same kind, so quoting is tested end to end.
///
/// The segments get `--time 1` (the shortest Slurm limit) and are stopped
/// early with `scancel --batch --signal=USR1`, which Slurm delivers at
/// once, so a chain of four segments takes seconds rather than minutes.
/// The scheduled signal has a lead of 10 s. On the local cluster Slurm sent
/// it up to 30 s earlier than the lead, so at 20 s into a segment at the
/// earliest. No segment here runs that long, so only the test's own
/// signals interrupt the chain.
@Suite(.serialized, .enabled(if: SlurmCluster.isAvailable, SlurmCluster.unavailableMessage))
struct SlurmChainTests {
    /// About 7 s of sampling on one core.
    static let job = ["--kernel", "mcmc", "--model", "logistic-regression", "--chains", "2",
                      "--warmup", "200", "--draws", "1000", "--seed", "11"]
    static let checkpoint = "ck 'a' \"b\" $c `d`.h5"
    static let chainDirectory = checkpoint + ".chain"

    /// Returns a job name unique to one test, with awkward characters too.
    static func uniqueJobName(_ label: String) -> String {
        "perpetual test \(label) 'q' $x \(UUID().uuidString.prefix(8))"
    }

    /// Writes `job 1.sh` with `simrun jobscript` and returns it. Without
    /// `jobName` the script gets simrun's default job name.
    static func writeScript(in directory: ChainDirectory, jobName: String?, extraOptions: [String] = [],
                            extraRunArguments: [String] = []) throws -> String {
        let script = "job 1.sh"
        let nameOptions = jobName.map { ["--job-name", $0] } ?? []
        let result = try Simrun.run(
            ["jobscript", "--time", "1", "--signal-lead", "10", "--output", script] + nameOptions + extraOptions
                + ["--"] + job + ["--checkpoint", checkpoint, "--progress-interval", "0.2"] + extraRunArguments,
            in: directory.path)
        try #require(result.status == 0, "simrun jobscript failed: \(result.log)")
        return directory.path(script)
    }

    /// Waits until a job named `jobName` other than `excluded` is running
    /// and its simrun has logged progress; returns its id.
    static func waitForRunningSegment(_ jobName: String, in directory: ChainDirectory, excluding excluded: Set<String>) throws -> String {
        var running: String?
        try waitUntil("a new segment of '\(jobName)' runs and logs progress") {
            guard let job = try SlurmCluster.jobs(named: jobName).first(where: { $0.state == "RUNNING" && !excluded.contains($0.id) }) else {
                return false
            }
            running = job.id
            return directory.contents("\(jobName)-\(job.id).out").contains("steps/s")
        }
        return running!
    }

    /// Waits until no job named `jobName` is queued or running.
    static func waitForChainEnd(_ jobName: String) throws {
        try waitUntil("the chain '\(jobName)' has no job left", timeout: 180) {
            try SlurmCluster.jobs(named: jobName).isEmpty
        }
    }

    // MARK: - Tests

    @Test func clusterIsReachableWhenRequired() {
        if SlurmCluster.isRequired {
            #expect(SlurmCluster.isAvailable, SlurmCluster.unavailableMessage)
        }
    }

    @Test func chainCompletesIdenticalToUninterruptedRun() throws {
        let directory = try ChainDirectory("chain")
        let jobName = Self.uniqueJobName("chain")
        defer {
            SlurmCluster.cancelJobs(named: jobName)
            directory.remove()
        }
        let reference = try Simrun.run(["run"] + Self.job + ["--checkpoint", "reference.h5"], in: directory.path)
        try #require(reference.status == 0, "reference run failed: \(reference.log)")
        let script = try Self.writeScript(in: directory, jobName: jobName)

        // Three early signals, each to a new segment, then one segment to the end.
        let first = try SlurmCluster.submit(script)
        #expect(try SlurmCluster.run("squeue", ["-h", "-j", first, "-o", "%j"]) == jobName + "\n")
        var interrupted = Set<String>()
        for _ in 1...3 {
            let id = try Self.waitForRunningSegment(jobName, in: directory, excluding: interrupted)
            try SlurmCluster.run("scancel", ["--batch", "--signal=USR1", id])
            interrupted.insert(id)
        }
        try Self.waitForChainEnd(jobName)

        let output = directory.jobOutput()
        #expect(FileManager.default.fileExists(atPath: directory.path("\(Self.chainDirectory)/done")), "job output: \(output)")
        #expect(directory.contents("\(Self.chainDirectory)/segments") == "4\n", "job output: \(output)")
        #expect(output.components(separatedBy: "received SIGUSR1; forwarding it to simrun").count - 1 == 3)
        #expect(output.contains("(from squeue)"), "the walltime budget comes from squeue")
        #expect(output.contains("work complete after 4 segments"))

        let trace = Self.checkpoint.replacingOccurrences(of: ".h5", with: ".trace.h5")
        for object in ["/posterior", "/sample_stats"] {
            let diff = try Simrun.h5diff(directory.path("reference.trace.h5"), directory.path(trace), object: object)
            #expect(diff.status == 0, "trace \(object) differs: \(diff.output)")
        }
        let state = try Simrun.h5diff(directory.path("reference.h5"), directory.path(Self.checkpoint), object: "/state")
        #expect(state.status == 0, "final state differs: \(state.output)")
    }

    @Test func corruptCheckpointStopsChain() throws {
        let directory = try ChainDirectory("corrupt")
        let jobName = Self.uniqueJobName("corrupt")
        defer {
            SlurmCluster.cancelJobs(named: jobName)
            directory.remove()
        }
        // A checkpoint at step 50 with no older generation, then overwritten.
        let start = try Simrun.run(["run"] + Self.job + ["--checkpoint", Self.checkpoint, "--segment-steps", "50", "--keep", "1"],
                                   in: directory.path)
        try #require(start.status == 75, "first segment: \(start.log)")
        try Data("not an HDF5 file".utf8).write(to: URL(fileURLWithPath: directory.path(Self.checkpoint)))
        let script = try Self.writeScript(in: directory, jobName: jobName)

        let id = try SlurmCluster.submit(script)
        try Self.waitForChainEnd(jobName)

        let reason = directory.contents("\(Self.chainDirectory)/stopped")
        #expect(reason.contains("cannot read the checkpoint \(Self.checkpoint)"), "stopped: \(reason)")
        #expect(directory.jobOutput().contains("chain stopped: cannot read the checkpoint"))
        #expect(try SlurmCluster.jobField(id, "ExitCode") == "65:0")
        #expect(directory.contents("\(Self.chainDirectory)/segments") == "1\n")
    }

    @Test func segmentWithoutProgressStopsChain() throws {
        let directory = try ChainDirectory("noprogress")
        let jobName = Self.uniqueJobName("noprogress")
        defer {
            SlurmCluster.cancelJobs(named: jobName)
            directory.remove()
        }
        // A 10 ms walltime is spent before the first step. simrun itself
        // reports that it cannot make progress and exits 1, and the chain
        // stops on that exit code instead of resubmitting.
        let script = try Self.writeScript(in: directory, jobName: jobName, extraRunArguments: ["--walltime", "0.01s"])

        let id = try SlurmCluster.submit(script)
        try Self.waitForChainEnd(jobName)

        let reason = directory.contents("\(Self.chainDirectory)/stopped")
        #expect(reason.contains("simrun failed with exit status 1"), "stopped: \(reason)")
        #expect(directory.jobOutput().contains("budget is too short for one step plus a checkpoint"))
        #expect(try SlurmCluster.jobField(id, "ExitCode") == "1:0")
        #expect(directory.contents("\(Self.chainDirectory)/segments") == "1\n")
        #expect(!FileManager.default.fileExists(atPath: directory.path("\(Self.chainDirectory)/done")))
    }

    @Test func maxSegmentsStopsChain() throws {
        let directory = try ChainDirectory("maxsegments")
        let jobName = Self.uniqueJobName("max")
        defer {
            SlurmCluster.cancelJobs(named: jobName)
            directory.remove()
        }
        // 100 steps per segment: the job needs 12 segments, the limit is 2.
        let script = try Self.writeScript(in: directory, jobName: jobName, extraOptions: ["--max-segments", "2"],
                                          extraRunArguments: ["--segment-steps", "100"])

        let first = try SlurmCluster.submit(script)
        try Self.waitForChainEnd(jobName)

        let reason = directory.contents("\(Self.chainDirectory)/stopped")
        #expect(reason.contains("reached the maximum of 2 segments with work remaining (step 200)"), "stopped: \(reason)")
        #expect(try SlurmCluster.jobField(first, "ExitCode") == "0:0")
        #expect(directory.contents("\(Self.chainDirectory)/segments") == "2\n")
    }

    @Test func usr2ChainCompletes() throws {
        let directory = try ChainDirectory("usr2")
        let jobName = Self.uniqueJobName("usr2")
        defer {
            SlurmCluster.cancelJobs(named: jobName)
            directory.remove()
        }
        let script = try Self.writeScript(in: directory, jobName: jobName, extraOptions: ["--signal", "USR2"])
        let text = try String(contentsOfFile: script, encoding: .utf8)
        #expect(text.contains("#SBATCH --signal=B:USR2@10\n"))

        _ = try SlurmCluster.submit(script)
        let id = try Self.waitForRunningSegment(jobName, in: directory, excluding: [])
        try SlurmCluster.run("scancel", ["--batch", "--signal=USR2", id])
        try Self.waitForChainEnd(jobName)

        let output = directory.jobOutput()
        #expect(output.contains("received SIGUSR2; forwarding it to simrun"))
        #expect(output.contains("stopping: received SIGUSR2"), "simrun stops on SIGUSR2")
        #expect(FileManager.default.fileExists(atPath: directory.path("\(Self.chainDirectory)/done")), "job output: \(output)")
        #expect(directory.contents("\(Self.chainDirectory)/segments") == "2\n")
    }

    @Test func mpiChainOnTwoTasksMatchesOneProcess() throws {
        let directory = try ChainDirectory("mpi")
        let jobName = Self.uniqueJobName("mpi")
        defer {
            SlurmCluster.cancelJobs(named: jobName)
            directory.remove()
        }
        let reference = try Simrun.run(["run"] + Self.job + ["--checkpoint", "reference.h5"], in: directory.path)
        try #require(reference.status == 0, "reference run failed: \(reference.log)")

        // Two ranks with one chain each, launched by srun --mpi=pmix inside
        // the allocation; 500 steps per segment give three segments.
        let script = try Self.writeScript(in: directory, jobName: jobName, extraOptions: ["--ntasks", "2"],
                                          extraRunArguments: ["--segment-steps", "500"])
        let text = try String(contentsOfFile: script, encoding: .utf8)
        #expect(text.contains("--mpi=pmix"))

        _ = try SlurmCluster.submit(script)
        try Self.waitForChainEnd(jobName)

        let output = directory.jobOutput()
        #expect(FileManager.default.fileExists(atPath: directory.path("\(Self.chainDirectory)/done")), "job output: \(output)")
        #expect(directory.contents("\(Self.chainDirectory)/segments") == "3\n", "job output: \(output)")
        #expect(output.contains("on 2 MPI ranks"))
        let trace = Self.checkpoint.replacingOccurrences(of: ".h5", with: ".trace.h5")
        for object in ["/posterior", "/sample_stats"] {
            let diff = try Simrun.h5diff(directory.path("reference.trace.h5"), directory.path(trace), object: object)
            #expect(diff.status == 0, "trace \(object) differs: \(diff.output)")
        }
        let state = try Simrun.h5diff(directory.path("reference.h5"), directory.path(Self.checkpoint), object: "/state")
        #expect(state.status == 0, "final state differs: \(state.output)")
    }

    @Test func scancelStopsChain() throws {
        let directory = try ChainDirectory("scancel")
        let jobName = Self.uniqueJobName("scancel")
        defer {
            SlurmCluster.cancelJobs(named: jobName)
            directory.remove()
        }
        let script = try Self.writeScript(in: directory, jobName: jobName)

        _ = try SlurmCluster.submit(script)
        let id = try Self.waitForRunningSegment(jobName, in: directory, excluding: [])
        try SlurmCluster.run("scancel", [id])
        try Self.waitForChainEnd(jobName)

        let reason = directory.contents("\(Self.chainDirectory)/stopped")
        #expect(reason.contains("the job was cancelled (scancel) or preempted"), "stopped: \(reason)")
        #expect(directory.contents("\(Self.chainDirectory)/segments") == "1\n")
        #expect(!FileManager.default.fileExists(atPath: directory.path("\(Self.chainDirectory)/done")))
        #expect(FileManager.default.fileExists(atPath: directory.path(Self.checkpoint)), "the cancelled segment checkpointed")
    }

    @Test func defaultJobNamesLetChainsRunTogether() throws {
        // Two chains whose checkpoints have the same file name, in two
        // directories, with simrun's default job names.
        let directories = [try ChainDirectory("name-a"), try ChainDirectory("name-b")]
        let names = directories.map { ChainJobName.forCheckpoint($0.path(Self.checkpoint)) }
        defer {
            for (directory, name) in zip(directories, names) {
                SlurmCluster.cancelJobs(named: name)
                directory.remove()
            }
        }
        #expect(names[0] != names[1])

        var ids: [String] = []
        for (directory, name) in zip(directories, names) {
            let script = try Self.writeScript(in: directory, jobName: nil)
            let text = try String(contentsOfFile: script, encoding: .utf8)
            #expect(text.contains("#SBATCH --job-name=\(try ShellQuoting.sbatchValue(name, option: "job-name"))\n"))
            ids.append(try SlurmCluster.submit(script))
        }
        for (id, name) in zip(ids, names) {
            #expect(try SlurmCluster.run("squeue", ["-h", "-j", id, "-o", "%j"]) == name + "\n")
        }

        // With one shared name, --dependency=singleton would hold the second
        // job pending until the first ended.
        try waitUntil("both chains have a running segment at once") {
            try names.allSatisfy { name in try SlurmCluster.jobs(named: name).contains { $0.state == "RUNNING" } }
        }
        for name in names {
            try Self.waitForChainEnd(name)
        }
        for directory in directories {
            #expect(FileManager.default.fileExists(atPath: directory.path("\(Self.chainDirectory)/done")),
                    "job output: \(directory.jobOutput())")
        }
    }

    @Test func signalBeforeFirstStepStopsOnNoProgress() throws {
        let directory = try ChainDirectory("nostep")
        let jobName = Self.uniqueJobName("nostep")
        defer {
            SlurmCluster.cancelJobs(named: jobName)
            directory.remove()
        }
        // simrun receives SIGUSR1 as it starts, as from a warning signal
        // during start-up: it checkpoints at step 0 and exits 75. The
        // script's own guard then finds the checkpoint where it was.
        let script = try Self.writeScript(in: directory, jobName: jobName)

        let id = try SlurmCluster.submit(script, extraEnvironment: ["PERPETUAL_TEST_SIGNAL_AT_START": "USR1"])
        try Self.waitForChainEnd(jobName)

        let reason = directory.contents("\(Self.chainDirectory)/stopped")
        #expect(reason.contains("segment 1 made no progress: the checkpoint is still at step 0, as before this segment"), "stopped: \(reason)")
        #expect(directory.jobOutput().contains("stopping: received SIGUSR1"))
        #expect(try SlurmCluster.jobField(id, "ExitCode") == "1:0")
        #expect(directory.contents("\(Self.chainDirectory)/segments") == "1\n")
        #expect(!FileManager.default.fileExists(atPath: directory.path("\(Self.chainDirectory)/done")))
    }

    /// Takes the full one-minute time limit plus Slurm's kill delay (78 s
    /// when measured), because only the limit itself produces state TIMEOUT.
    @Test func timeoutDuringStalledCheckpointStopsChain() throws {
        let directory = try ChainDirectory("timeout")
        let jobName = Self.uniqueJobName("timeout")
        defer {
            SlurmCluster.cancelJobs(named: jobName)
            directory.remove()
        }
        // A checkpoint at step 50, then a chain whose checkpoint writes hang
        // past the time limit and then fail.
        let start = try Simrun.run(["run"] + Self.job + ["--checkpoint", Self.checkpoint, "--segment-steps", "50"],
                                   in: directory.path)
        try #require(start.status == 75, "first segment: \(start.log)")
        let script = try Self.writeScript(in: directory, jobName: jobName)

        let id = try SlurmCluster.submit(script, extraEnvironment: ["PERPETUAL_TEST_STALL_WRITE_SECONDS": "600"])
        try waitUntil("simrun resumes in job \(id)") {
            directory.jobOutput().contains("resuming mcmc job")
        }
        try SlurmCluster.run("scancel", ["--batch", "--signal=USR1", id])
        try Self.waitForChainEnd(jobName)

        let reason = directory.contents("\(Self.chainDirectory)/stopped")
        #expect(reason.contains("reached its time limit before simrun finished: SIGTERM came after the warning signal SIGUSR1"), "stopped: \(reason)")
        #expect(reason.contains("step 50 when this segment started"), "stopped: \(reason)")
        #expect(try SlurmCluster.jobField(id, "JobState") == "TIMEOUT")
        #expect(directory.contents("\(Self.chainDirectory)/segments") == "1\n")
        #expect(!FileManager.default.fileExists(atPath: directory.path("\(Self.chainDirectory)/done")))
        let status = try Simrun.run(["status", Self.checkpoint], in: directory.path)
        #expect(status.status == 0, "simrun status: \(status.log)")
    }

    @Test func coreHourBudgetStopsChain() throws {
        let directory = try ChainDirectory("corehours")
        let jobName = Self.uniqueJobName("corehours")
        defer {
            SlurmCluster.cancelJobs(named: jobName)
            directory.remove()
        }
        // 0.01 core-hours are 36 core-seconds: one segment of 100 steps
        // fits, but a second full segment (1 CPU × 60 s) would not.
        let script = try Self.writeScript(in: directory, jobName: jobName, extraOptions: ["--core-hours", "0.01"],
                                          extraRunArguments: ["--segment-steps", "100"])
        let text = try String(contentsOfFile: script, encoding: .utf8)
        #expect(text.contains("\ncore_second_budget=36\n"))

        let first = try SlurmCluster.submit(script)
        try Self.waitForChainEnd(jobName)

        let reason = directory.contents("\(Self.chainDirectory)/stopped")
        #expect(reason.contains("the core-hour budget would be exceeded"), "stopped: \(reason)")
        #expect(reason.contains("the next segment may use 60 of the budget of 36"), "stopped: \(reason)")
        #expect(try SlurmCluster.jobField(first, "ExitCode") == "1:0")
        #expect(directory.contents("\(Self.chainDirectory)/segments") == "1\n")
    }
}
