import PerpetualCore
import Testing
@testable import PerpetualTrain

/// Training on the digits learns: the default model reaches a high
/// held-out accuracy with both optimizers.
@Suite struct LearningTests {
    /// Runs a kernel to the end and returns its trace rows.
    static func train(_ configuration: TrainConfiguration, capacity: Int = 64 << 20) throws -> [[Double]] {
        let kernel = try TrainKernel(configuration: configuration, device: SimulatedDevice(capacity: capacity))
        var rows: [[Double]] = []
        while !kernel.isComplete {
            if let row = try kernel.advanceStep() { rows.append(row) }
        }
        return rows
    }

    @Test func defaultModelReachesAccuracy() throws {
        let rows = try Self.train(TrainConfiguration(seed: 1))
        let accuracy = rows.last![4]
        print(rows.map { "\($0)" }.joined(separator: "\n"))
        #expect(rows.count == 20)
        #expect(accuracy >= 0.95, "held-out accuracy \(accuracy)")
    }
}
