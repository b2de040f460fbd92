import Foundation
import Testing

/// A read-only command must end on SIGTERM even where libhdf5 hangs.
///
/// The file is the fuzzer's finding `fuzz/Findings/hdf5-global-heap-hang.h5`:
/// a damaged global heap on which HDF5 1.10.8's `H5HG_read` loops. A job
/// (`run`, `--resume`) handles SIGTERM by stopping at the next step
/// boundary. `status` and `report` keep the default action, so a scheduler
/// or a user can end them.
@Suite struct ReadHangTests {
    static let finding = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("fuzz/Findings/hdf5-global-heap-hang.h5")

    @Test(arguments: [["status", "job.h5"], ["report", "job.h5"]])
    func readOnlyCommandEndsOnSigterm(arguments: [String]) throws {
        let scratch = try Scratch("hang")
        defer { scratch.remove() }
        try FileManager.default.copyItem(at: Self.finding, to: scratch.url.appendingPathComponent("job.h5"))

        let reader = try Simrun(arguments, in: scratch.url)
        // Long enough for the process to reach the read.
        usleep(1_500_000)
        let endedBeforeSignal = !reader.process.isRunning
        reader.send(SIGTERM)
        let result = try reader.wait(timeout: 20)

        if endedBeforeSignal {
            // The read failed instead of hanging, so the exit code reports bad input.
            #expect(result.exitCode == 65, "\(result.standardError)")
        } else {
            #expect(result.exitCode == 128 + SIGTERM, "\(result.standardError)")
        }
    }
}
