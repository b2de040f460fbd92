import PerpetualCore
import Testing
@testable import PerpetualTrain

/// Training on the digits learns, and the held-out split is stratified.
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

    /// Default model and epochs (widths 128,64, Adam 0.001, batches of 32,
    /// 20 epochs). Seed 1 reaches 97.3 % on this machine; the bar is the
    /// 95 % the project promises.
    @Test func defaultModelReachesNinetyFivePercent() throws {
        let rows = try Self.train(TrainConfiguration(seed: 1))
        let last = try #require(rows.last)

        #expect(rows.count == 20)
        #expect(last[0] == 20)
        #expect(last[4] >= 0.95, "held-out accuracy \(last[4])")
        #expect(last[2] < rows[0][2], "train loss did not fall: \(rows.map { $0[2] })")
    }

    /// SGD with momentum 0.9 and rate 0.05 for 10 epochs; seed 2 reaches
    /// 96.9 % here.
    @Test func sgdWithMomentumLearns() throws {
        var configuration = TrainConfiguration(seed: 2)
        configuration.optimizer = .sgd
        configuration.learningRate = 0.05
        configuration.epochs = 10
        let rows = try Self.train(configuration)

        #expect(rows.last![4] >= 0.95, "held-out accuracy \(rows.last![4])")
    }

    @Test func splitIsStratifiedAndDisjoint() throws {
        let data = try DigitsData.bundled.get()
        let split = StratifiedSplit(labels: data.labels, classCount: 10, fraction: 0.25, seed: 5, stream: 1)

        #expect(data.imageCount == 1797)
        #expect(Set(split.training).isDisjoint(with: split.holdout))
        #expect((split.training + split.holdout).sorted() == Array(0..<1797))
        for digit in 0..<10 {
            let total = data.labels.filter { $0 == digit }.count
            let held = split.holdout.filter { data.labels[$0] == digit }.count
            #expect(held == Int((Double(total) * 0.25).rounded(.toNearestOrAwayFromZero)), "digit \(digit)")
        }
        let other = StratifiedSplit(labels: data.labels, classCount: 10, fraction: 0.25, seed: 6, stream: 1)
        #expect(other.holdout != split.holdout)
    }

    @Test func epochLayoutCoversEveryImage() {
        let layout = EpochLayout(imageCount: 100, epochs: 3, schedule: BatchSchedule(initial: 32, changes: [.init(afterEpochs: 2, size: 60)]))

        #expect(layout.batchSizes == [32, 32, 60])
        #expect(layout.firstSteps == [0, 4, 8, 10])
        #expect(layout.position(ofStep: 7) == (1, 3))
        #expect(layout.batchRange(epoch: 1, batch: 3) == 96..<100)
        #expect(layout.endsEpoch(9))
        #expect(!layout.endsEpoch(8))
    }

    struct ScheduleCase: Sendable, CustomTestStringConvertible {
        var text: String
        var valid: Bool
        var testDescription: String { "'\(text)'" }
    }

    @Test(arguments: [
        ScheduleCase(text: "none", valid: true), ScheduleCase(text: "2:64, 5:128", valid: true),
        ScheduleCase(text: "5:64,2:128", valid: false), ScheduleCase(text: "0:64", valid: false),
        ScheduleCase(text: "3:0", valid: false), ScheduleCase(text: "3-64", valid: false),
    ])
    func batchScheduleParsing(_ schedule: ScheduleCase) {
        let parsed = try? BatchSchedule.parse(initial: 32, changes: schedule.text)
        #expect((parsed != nil) == schedule.valid)
    }
}
