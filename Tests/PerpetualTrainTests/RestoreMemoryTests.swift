import Foundation
import PerpetualCore
import Testing
@testable import PerpetualTrain

/// Peak host memory of a restore onto a released device, read from
/// `VmHWM` in /proc/self/status after resetting it through
/// /proc/self/clear_refs (Linux 4.0 and later).
///
/// The model has two hidden layers of 2048, so its state (weights, biases
/// and Adam's two moments) is about 104 MB and the restored device about
/// 139 MB. The margins are tens of megabytes, so that other tests running
/// in the same process at the same time do not decide the outcome.
@Suite(.serialized) struct RestoreMemoryTests {
    static func configuration() -> TrainConfiguration {
        var configuration = TrainConfiguration(seed: 3)
        configuration.hiddenWidths = [2048, 2048]
        configuration.epochs = 1
        return configuration
    }

    /// Returns a field of /proc/self/status in bytes, for example `VmHWM`.
    static func statusBytes(_ field: String) throws -> Int {
        let text = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
        for line in text.split(separator: "\n") where line.hasPrefix(field + ":") {
            let fields = line.dropFirst(field.count + 1).split(whereSeparator: { $0 == " " || $0 == "\t" })
            let kibibytes = fields.first.flatMap { Int($0) }
            return try #require(kibibytes, "unreadable line '\(line)'") * 1024
        }
        throw TestFailure("no \(field) line in /proc/self/status")
    }

    /// Returns how far the resident set's peak rises above the resident set
    /// at the start while `body` runs.
    static func peakGrowth(_ body: () throws -> Void) throws -> Int {
        try "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
        let before = try statusBytes("VmRSS")
        try body()
        return try statusBytes("VmHWM") - before
    }

    struct TestFailure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    @Test func releasingRestoreSavesAboutOneStateCopy() throws {
        let kernel = try TrainKernel(configuration: Self.configuration(), device: SimulatedDevice(capacity: 512 << 20))
        let original = kernel.captureState()
        let stateBytes = original.arrayByteCount

        // Borrowing restore: the caller's copy keeps every array alive.
        var borrowed = kernel.captureState()
        kernel.releaseDevice()
        let borrowingGrowth = try Self.peakGrowth { try kernel.restoreState(borrowed) }
        let deviceBytes = kernel.device.reservedBytes
        borrowed = KernelState()

        // Releasing restore of a state that nothing else references.
        var state = kernel.captureState()
        kernel.releaseDevice()
        let releasingGrowth = try Self.peakGrowth { try kernel.restoreState(releasing: &state) }

        let figures = "state \(stateBytes >> 20) MiB, device \(deviceBytes >> 20) MiB, peak growth: borrowing \(borrowingGrowth >> 20) MiB, releasing \(releasingGrowth >> 20) MiB"
        print("RestoreMemoryTests: \(figures)")
        #expect(borrowingGrowth >= deviceBytes * 9 / 10, "\(figures)")
        #expect(borrowingGrowth - releasingGrowth >= stateBytes / 2, "\(figures)")
        #expect(state.names == ["step", "configuration/layer_sizes", "configuration/optimizer", "configuration/batch_sizes",
                                "configuration/learning_rate", "configuration/holdout_fraction", "rng/seed",
                                "progress/epoch_loss_sum"])
        #expect(kernel.captureState() == original)
    }

    @Test func releasingRestoreKeepsStateOnInvalidEntry() throws {
        var configuration = Self.configuration()
        configuration.hiddenWidths = [8]
        let kernel = try TrainKernel(configuration: configuration, device: SimulatedDevice(capacity: 16 << 20))
        var state = kernel.captureState()
        state["model/layer_2/bias"] = .array(StateArray(float64: Array(repeating: .nan, count: 10)))
        let names = state.names
        kernel.releaseDevice()

        #expect(throws: KernelStateError.self) {
            try kernel.restoreState(releasing: &state)
        }
        #expect(state.names == names)
    }
}
