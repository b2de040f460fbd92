import Foundation
import Testing
import PerpetualCore
@testable import PerpetualSlurm

@Suite struct StopSignalNameTests {
    @Test("accepted signal names", arguments: [
        ("USR1", StopSignalName.usr1), ("usr1", .usr1), ("SIGUSR1", .usr1),
        ("USR2", .usr2), ("sigusr2", .usr2), (" USR2 ", .usr2),
    ])
    func accepts(text: String, expected: StopSignalName) throws {
        #expect(try StopSignalName.parse(text) == expected)
    }

    @Test("rejected signal names", arguments: ["", "TERM", "SIGTERM", "USR3", "KILL", "10", "USR 1"])
    func rejects(text: String) {
        let error = #expect(throws: SlurmError.self) {
            try StopSignalName.parse(text)
        }
        #expect(error?.code == .invalidSetting)
        #expect(error?.message.contains("'\(text)'") == true)
    }
}

@Suite struct SqueueEndTimeTests {
    /// Seconds since the epoch of a local date, computed with Foundation's
    /// calendar rather than `mktime`.
    static func localEpoch(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int, _ second: Int) -> Double {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone.current
        let components = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        return calendar.date(from: components)!.timeIntervalSince1970
    }

    @Test func parsesLocalTimeStamp() throws {
        let endTime = try SlurmJobEndTime.parseSqueueEndTime("2026-12-04T21:50:12\n", jobID: "42")
        #expect(endTime?.epochSeconds == Self.localEpoch(2026, 12, 4, 21, 50, 12))
        #expect(endTime?.jobID == "42")
        #expect(endTime?.source == .squeue)
    }

    @Test("no end time", arguments: ["UNLIMITED", "NONE", "N/A", "Unknown", "  N/A  \n"])
    func noEndTime(output: String) throws {
        #expect(try SlurmJobEndTime.parseSqueueEndTime(output, jobID: "7") == nil)
    }

    @Test("unreadable output", arguments: ["", "\n", "2026-12-04 21:50:12", "tomorrow", "2026-12-04T21:50", "2026-xx-04T21:50:12"])
    func unreadable(output: String) {
        let error = #expect(throws: SlurmError.self) {
            try SlurmJobEndTime.parseSqueueEndTime(output, jobID: "7")
        }
        #expect(error?.code == .invalidOutput)
    }

    @Test func environmentEndTimeNeedsNoSqueue() throws {
        // A squeue that does not exist proves the variable is used first.
        let environment = ["SLURM_JOB_ID": "unit-\(UUID().uuidString)", "SLURM_JOB_END_TIME": "1800000000"]
        let endTime = try SlurmJobEndTime.current(environment: environment, squeue: "/nonexistent/squeue")
        #expect(endTime?.epochSeconds == 1_800_000_000)
        #expect(endTime?.source == .environment)
    }

    @Test func outsideSlurmThereIsNoEndTime() throws {
        #expect(try SlurmJobEndTime.current(environment: [:], squeue: "/nonexistent/squeue") == nil)
    }

    @Test func missingSqueueIsReported() {
        let environment = ["SLURM_JOB_ID": "unit-\(UUID().uuidString)", "PATH": "/nonexistent"]
        let error = #expect(throws: SlurmError.self) {
            try SlurmJobEndTime.current(environment: environment)
        }
        #expect(error?.code == .commandNotFound)
    }

    @Test func arrayTaskIdentifier() {
        #expect(SlurmJobEndTime.jobIdentifier(["SLURM_JOB_ID": "12", "SLURM_ARRAY_JOB_ID": "10", "SLURM_ARRAY_TASK_ID": "3"]) == "10_3")
        #expect(SlurmJobEndTime.jobIdentifier(["SLURM_JOB_ID": "12"]) == "12")
    }
}

@Suite struct SignalLeadTests {
    @Test func newJobUsesDefaultCheckpointTime() {
        // 60 s jitter + 2 × 30 s default checkpoint time.
        #expect(SignalLead.seconds(accounting: nil, step: 0) == 120)
    }

    @Test func measuredTimesReplaceDefault() {
        // Mean step 0.5 s (100 s / 200 steps), mean write 4 s (8 s over the
        // 2 writes of 3 segments): 60 + 2 × 4.5 = 69.
        let accounting = RunAccounting(segments: 3, computeSeconds: 100, checkpointSeconds: 8, elapsedSeconds: 110)
        #expect(SignalLead.seconds(accounting: accounting, step: 200) == 69)
    }

    @Test func firstSegmentKeepsDefaultWriteTime() {
        // One segment: no write is covered by the stored checkpoint seconds.
        let accounting = RunAccounting(segments: 1, computeSeconds: 10, checkpointSeconds: 0, elapsedSeconds: 10)
        #expect(SignalLead.seconds(accounting: accounting, step: 100) == 121)
    }

    @Test func leadIsCappedAtSlurmMaximum() {
        let accounting = RunAccounting(segments: 2, computeSeconds: 1e9, checkpointSeconds: 1e6, elapsedSeconds: 1e9)
        #expect(SignalLead.seconds(accounting: accounting, step: 1) == SignalLead.maxSeconds)
    }
}
