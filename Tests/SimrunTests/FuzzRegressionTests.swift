import Foundation
import PerpetualCheckpoint
import PerpetualCore
import Testing

/// Replays the inputs kept in `Regressions/<target>/`: inputs that once
/// crashed a libFuzzer target of `make fuzz`, or that crashed simrun
/// before the size checks of the readers existed. Each must now give the
/// typed error or a valid result.
@Suite struct FuzzRegressionTests {
    static func inputs(of target: String) -> [URL] {
        let directory = HostileInput.testDirectory.appendingPathComponent("Regressions/\(target)")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { !$0.hasPrefix(".") && $0 != "README.md" }.sorted().map { directory.appendingPathComponent($0) }
    }

    @Test(arguments: inputs(of: "checkpoint-reader"))
    func checkpointReader(_ input: URL) throws {
        let scratch = try ScratchDirectory("fuzz-regression")
        defer { scratch.remove() }
        let path = scratch.path("job.h5")
        try FileManager.default.copyItem(atPath: input.path, toPath: path)

        #expect(throws: CheckpointError.self) {
            _ = try CheckpointReader.loadNewestValid(path: path)
        }
    }

    @Test(arguments: inputs(of: "walltime"))
    func walltime(_ input: URL) throws {
        let text = String(decoding: try Data(contentsOf: input), as: UTF8.self)

        let limit: Walltime
        do {
            limit = try Walltime.parse(text)
        } catch {
            #expect(!error.reason.isEmpty)
            return
        }
        if let seconds = limit.seconds {
            #expect(seconds.isFinite)
            #expect(seconds > 0)
        }
    }

    /// Keeps the replay honest: at least one input exists for the
    /// checkpoint reader, so the table above is never silently empty.
    @Test func regressionInputsExist() {
        #expect(!Self.inputs(of: "checkpoint-reader").isEmpty)
    }
}
