import Foundation
import Testing

/// SIGKILL at chosen moments of a job: at each kill point of the checkpoint
/// layer (`PERPETUAL_TEST_KILL_AT`) and during steps. Every trial resumes
/// from the newest complete generation and ends identical to the
/// uninterrupted run.
@Suite(.serialized) struct KillPointTests {
    struct Case: CustomStringConvertible, Sendable {
        var job: Job
        var point: String
        var occurrence: Int
        var description: String { "\(job.kernel) at \(point):\(occurrence)" }
    }

    /// Every commit point for every kernel, at the second occurrence so that
    /// an older generation exists, and a kill in the first commit.
    static let cases: [Case] = Job.all.flatMap { job in
        ["segment-before-rename", "segment-after-rename", "checkpoint-open", "before-rename", "after-rename"].map {
            Case(job: job, point: $0, occurrence: 2)
        } + [Case(job: job, point: "before-rename", occurrence: 1), Case(job: job, point: "trace-before-rename", occurrence: 1)]
    }

    @Test(arguments: cases)
    func killAtPoint(_ trial: Case) throws {
        let scratch = try Scratch("kill-\(trial.job.kernel)")
        defer { scratch.remove() }
        let environment = ["PERPETUAL_TEST_KILL_AT": "\(trial.point):\(trial.occurrence)"]

        let killed = try Simrun.run(trial.job.run(extra: ["--checkpoint-every", "\(trial.job.checkpointEvery)"]),
                                    in: scratch.url, environment: environment)

        #expect(killed.exitCode == 128 + SIGKILL, "\(trial): the kill point was not reached: \(killed.standardError)")
        try continueToCompletion(trial.job, in: scratch)
        try Compare.expectMatchesReference(trial.job, in: scratch, "killed at \(trial.point):\(trial.occurrence)")
        #expect(scratch.temporaryFiles().isEmpty, "\(trial): temporary files left: \(scratch.temporaryFiles())")
    }

    @Test(arguments: Job.all)
    func killDuringSteps(_ job: Job) throws {
        let scratch = try Scratch("kill-steps-\(job.kernel)")
        defer { scratch.remove() }

        // Right after the first periodic checkpoint is logged the process
        // runs the steps towards the next one.
        let started = try Simrun(job.run(extra: ["--checkpoint-every", "\(job.checkpointEvery)"]), in: scratch.url)
        try started.waitForText("periodic checkpoint at step")
        started.send(SIGKILL)
        let killed = try started.wait()

        #expect(killed.exitCode == 128 + SIGKILL || killed.exitCode == 0, "\(job.kernel): \(killed.standardError)")
        if killed.exitCode != 0 {
            try continueToCompletion(job, in: scratch)
        }
        try Compare.expectMatchesReference(job, in: scratch, "killed during steps")
    }

    /// Resumes when a generation exists, else starts the job again as a job
    /// script would, then resumes until the job completes. A kill never
    /// leaves a damaged generation at the path, so the first resume must
    /// take the newest generation without skipping any.
    private func continueToCompletion(_ job: Job, in scratch: Scratch) throws {
        let hasGeneration = scratch.exists("job.h5") || scratch.names().contains { $0.hasPrefix("job.step-") }
        if !hasGeneration {
            let fresh = try Simrun.run(job.run(), in: scratch.url)
            #expect(fresh.exitCode == 0, "\(job.kernel): a fresh start after a kill in the first commit failed: \(fresh.standardError)")
            return
        }
        let resumed = try Simrun.run(["--resume", "job.h5"], in: scratch.url)
        #expect(resumed.exitCode == 0 || resumed.exitCode == 75, "\(job.kernel): \(resumed.standardError)")
        #expect(!resumed.standardError.contains("skipping checkpoint generation"), "\(job.kernel): \(resumed.standardError)")
        #expect(resumed.standardError.contains("resuming \(job.kernel) job from job.h5 at step"), "\(job.kernel): \(resumed.standardError)")
        if resumed.exitCode == 75 {
            _ = try Compare.resumeUntilComplete(in: scratch)
        }
    }
}
