import PerpetualCore
import Testing
@testable import PerpetualTrain

/// Capture, restore and device release of the training kernel.
@Suite struct KernelStateTests {
    /// Two epochs of a small network with a growing batch.
    static func configuration(optimizer: TrainConfiguration.Optimizer) -> TrainConfiguration {
        var configuration = TrainConfiguration(seed: 9)
        configuration.hiddenWidths = [16]
        configuration.optimizer = optimizer
        configuration.learningRate = optimizer == .adam ? 0.001 : 0.05
        configuration.epochs = 3
        configuration.batchSchedule = BatchSchedule(initial: 64, changes: [.init(afterEpochs: 1, size: 200)])
        return configuration
    }

    static func run(_ kernel: TrainKernel, steps: Int) throws -> [[Double]] {
        var rows: [[Double]] = []
        for _ in 0..<steps {
            if let row = try kernel.advanceStep() { rows.append(row) }
        }
        return rows
    }

    @Test(arguments: TrainConfiguration.Optimizer.allCases)
    func restoredKernelContinuesIdentically(_ optimizer: TrainConfiguration.Optimizer) throws {
        let configuration = Self.configuration(optimizer: optimizer)
        let original = try TrainKernel(configuration: configuration, device: SimulatedDevice(capacity: 16 << 20))
        let total = original.totalSteps
        // Stop inside the first epoch, so the epoch's loss sum must carry over.
        let firstRows = try Self.run(original, steps: 13)
        let state = original.captureState()
        let copy = try TrainKernel(configuration: configuration, device: SimulatedDevice(capacity: 16 << 20))
        try copy.restoreState(state)

        let originalRows = try Self.run(original, steps: total - 13)
        let copyRows = try Self.run(copy, steps: total - 13)

        #expect(total == 22 + 2 * 7)
        #expect(firstRows.isEmpty)
        #expect(copyRows == originalRows)
        #expect(copy.captureState() == original.captureState())
    }

    @Test func releaseAndRestoreGivesSameResults() throws {
        let configuration = Self.configuration(optimizer: .adam)
        let reference = try TrainKernel(configuration: configuration, device: SimulatedDevice(capacity: 16 << 20))
        let kernel = try TrainKernel(configuration: configuration, device: SimulatedDevice(capacity: 16 << 20))
        _ = try Self.run(reference, steps: 30)
        _ = try Self.run(kernel, steps: 25)

        let state = kernel.captureState()
        kernel.releaseDevice()
        #expect(kernel.device.reservedBytes == 0)
        #expect(kernel.device.allocatedBytes == 0)
        try kernel.restoreState(state)
        _ = try Self.run(kernel, steps: 5)

        #expect(kernel.captureState() == reference.captureState())
        #expect(kernel.device.statistics.segmentReleases > 0)
    }

    @Test func restoreRejectsOtherOptimizer() throws {
        let adam = try TrainKernel(configuration: Self.configuration(optimizer: .adam), device: SimulatedDevice(capacity: 16 << 20))
        let sgd = try TrainKernel(configuration: Self.configuration(optimizer: .sgd), device: SimulatedDevice(capacity: 16 << 20))

        let error = #expect(throws: KernelStateError.self) { try sgd.restoreState(adam.captureState()) }
        #expect(error?.entry == "configuration/optimizer")
        #expect(sgd.completedSteps == 0)
    }

    @Test func modelTooLargeForDeviceIsRejected() {
        var configuration = TrainConfiguration(seed: 1)
        configuration.hiddenWidths = [4096, 4096]
        let error = #expect(throws: DeviceError.self) {
            _ = try TrainKernel(configuration: configuration, device: SimulatedDevice(capacity: 64 << 20))
        }
        #expect(error?.code == .planDoesNotFit)
        #expect(error?.requestedBytes == 4 * 8 * (64 * 4096 + 4096 + 4096 * 4096 + 4096 + 4096 * 10 + 10))
    }

    @Test func statusReportsNextStepThatCannotFit() throws {
        var configuration = TrainConfiguration(seed: 3)
        configuration.hiddenWidths = [1024]
        configuration.epochs = 2
        configuration.batchSchedule = BatchSchedule(initial: 32, changes: [.init(afterEpochs: 1, size: 1024)])
        // Persistent tensors take 2.4 MiB, a batch of 32 about 0.6 MiB; a
        // batch of 1024 needs two 8 MiB activations in 20 MiB segments.
        let kernel = try TrainKernel(configuration: configuration, device: SimulatedDevice(capacity: 12 << 20))
        let firstStatus = kernel.deviceMemoryStatus()
        _ = try Self.run(kernel, steps: kernel.layout.firstSteps[1])
        let status = kernel.deviceMemoryStatus()

        #expect(firstStatus.nextStepFits)
        #expect(!status.nextStepFits)
        #expect(!status.nextStepFitsAfterRelease)
        #expect(status.reservedBytesAfterRelease == nil)
        #expect(status.nextStepBytes == kernel.nextStepPlan().peakPhaseBytes)
    }
}
