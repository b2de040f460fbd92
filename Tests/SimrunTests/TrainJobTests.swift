import Foundation
import Testing

/// The `train` kernel through the built `simrun` binary: resume by segment
/// steps, device restarts in the same process, a step that cannot fit the
/// device, and the host memory budget.
@Suite(.serialized) struct TrainJobTests {
    static func expectIdentical(_ scratch: ScratchDirectory, job: String, reference: String = "reference") throws {
        let trace = try JobChain.h5diff(scratch.path("\(reference).trace.h5"), scratch.path("\(job).trace.h5"), object: "/training")
        #expect(trace.status == 0, "training trace differs: \(trace.output)")
        let state = try JobChain.h5diff(scratch.path("\(reference).h5"), scratch.path("\(job).h5"), object: "/state")
        #expect(state.status == 0, "final state (weights, optimizer state) differs: \(state.output)")
    }

    static func runReference(_ arguments: [String], in scratch: ScratchDirectory) throws {
        let result = try SimrunProcess.run(["run"] + arguments + ["--checkpoint", "reference.h5"], in: scratch.url)
        try #require(result.exitCode == 0, "reference run failed: \(result.standardError)")
    }

    /// 4 epochs of 43 batches of 32 (1346 training images), hidden width 64.
    static let small = ["--kernel", "train", "--seed", "5", "--epochs", "4", "--widths", "64"]

    @Test func segmentStepsResumeIdentically() throws {
        let scratch = try ScratchDirectory("train-segments")
        defer { scratch.remove() }
        try Self.runReference(Self.small, in: scratch)

        let first = try SimrunProcess.run(["run"] + Self.small + ["--checkpoint", "job.h5", "--segment-steps", "50"], in: scratch.url)
        #expect(first.exitCode == 75, "stderr: \(first.standardError)")
        let segments = try JobChain.resumeUntilComplete(checkpoint: "job.h5", in: scratch.url, extraArguments: ["--segment-steps", "50"])

        #expect(segments == 3)
        try Self.expectIdentical(scratch, job: "job")
    }

    /// One hidden layer of 2048 and batches growing from 640 to 1348: each
    /// new batch size needs activation blocks of 10 MiB or more, which get
    /// segments of their own, so cached segments of earlier sizes pile up.
    static let growing = ["--kernel", "train", "--seed", "1", "--widths", "2048", "--epochs", "8",
                          "--batch-schedule", "1:640,2:768,3:896,4:1024,5:1152,6:1280,7:1348"]

    @Test func deviceRestartsMatchRoomyDevice() throws {
        let scratch = try ScratchDirectory("train-restarts")
        defer { scratch.remove() }
        try Self.runReference(Self.growing + ["--device-memory", "1GiB"], in: scratch)

        let result = try SimrunProcess.run(["run"] + Self.growing + ["--device-memory", "64MiB", "--checkpoint", "job.h5"], in: scratch.url)
        let restarts = result.standardError.components(separatedBy: "releasing the device and restoring").count - 1

        #expect(result.exitCode == 0, "stderr: \(result.standardError)")
        #expect(restarts >= 3, "device restarts: \(restarts); stderr: \(result.standardError)")
        #expect(result.standardError.contains("device restarts in this process: \(restarts)"))
        try Self.expectIdentical(scratch, job: "job")
    }

    /// Batches of 32 for one epoch, then 1024 through a hidden width of
    /// 1024: 8 MiB activations come from 20 MiB segments, and the step needs
    /// a 24 MiB device, twice the 12 MiB given.
    static let tooLarge = ["--kernel", "train", "--seed", "3", "--widths", "1024", "--epochs", "2", "--batch-schedule", "1:1024"]

    @Test func stepThatCannotFitStopsBeforeFailing() throws {
        let scratch = try ScratchDirectory("train-nofit")
        defer { scratch.remove() }
        try Self.runReference(Self.tooLarge + ["--device-memory", "64MiB"], in: scratch)

        let first = try SimrunProcess.run(["run"] + Self.tooLarge + ["--device-memory", "12MiB", "--checkpoint", "job.h5"], in: scratch.url)
        #expect(first.exitCode == 1, "stderr: \(first.standardError)")
        #expect(first.standardError.contains("does not fit even on an emptied device, and needs a device of at least 24.0 MiB"),
                "stderr: \(first.standardError)")
        #expect(first.standardError.contains("checkpoint at step 43 of 45 in job.h5. No step was lost. Give a larger --device-memory: 'simrun --resume job.h5 --device-memory 24MiB'"),
                "stderr: \(first.standardError)")
        #expect(!first.standardError.contains("out of memory"))

        let resumed = try SimrunProcess.run(["--resume", "job.h5", "--device-memory", "24MiB"], in: scratch.url)
        #expect(resumed.exitCode == 0, "stderr: \(resumed.standardError)")
        try Self.expectIdentical(scratch, job: "job")
    }

    /// One batch of all 1346 training images per epoch, through a hidden
    /// layer of 4096. The first step adds two activation segments of 44 MiB
    /// to a process of about 45 MiB. So the resident set crosses 90 % of a
    /// 100 MiB limit after step 1 and not before.
    static let memoryHungry = ["--kernel", "train", "--seed", "4", "--widths", "4096", "--epochs", "2", "--batch-size", "2048"]

    @Test func hostMemoryLimitCheckpointsAndExits75() throws {
        let scratch = try ScratchDirectory("train-memory")
        defer { scratch.remove() }
        try Self.runReference(Self.memoryHungry, in: scratch)

        let first = try SimrunProcess.run(["run"] + Self.memoryHungry + ["--memory", "100MiB", "--checkpoint", "job.h5"], in: scratch.url)
        #expect(first.exitCode == 75, "stderr: \(first.standardError)")
        #expect(first.standardError.contains("host memory budget nearly used: resident set size"), "stderr: \(first.standardError)")
        #expect(first.standardError.contains("of the --memory limit 100.0 MiB"))
        #expect(first.standardError.contains("checkpoint at step 1 of 2 in job.h5"))

        let resumed = try SimrunProcess.run(["--resume", "job.h5", "--memory", "none"], in: scratch.url)
        #expect(resumed.exitCode == 0, "stderr: \(resumed.standardError)")
        try Self.expectIdentical(scratch, job: "job")
    }

    struct FailureCase: Sendable, CustomTestStringConvertible {
        var name: String
        var arguments: [String]
        var message: String
        var testDescription: String { name }
    }

    static let failures = [
        FailureCase(name: "device size without unit", arguments: ["--device-memory", "256"],
                    message: "invalid value '256' for --device-memory: the unit is missing"),
        FailureCase(name: "unknown memory unit", arguments: ["--memory", "12XB"],
                    message: "invalid value '12XB' for --memory: unknown unit 'XB'"),
        FailureCase(name: "zero width", arguments: ["--widths", "128,0"],
                    message: "invalid value '128,0' for --widths"),
        FailureCase(name: "unsorted schedule", arguments: ["--batch-schedule", "5:64,2:128"],
                    message: "invalid value '5:64,2:128' for --batch-schedule"),
        FailureCase(name: "model larger than device", arguments: ["--widths", "4096,4096", "--device-memory", "64MiB"],
                    message: "--device-memory 64MiB is too small for this model"),
    ]

    @Test(arguments: failures)
    func invalidInputIsRejected(_ failure: FailureCase) throws {
        let scratch = try ScratchDirectory("train-invalid")
        defer { scratch.remove() }
        let result = try SimrunProcess.run(["run", "--kernel", "train", "--seed", "1"] + failure.arguments + ["--checkpoint", "x.h5"], in: scratch.url)

        #expect(result.exitCode == 64, "stderr: \(result.standardError)")
        #expect(result.standardError.contains(failure.message), "stderr: \(result.standardError)")
    }
}
