import PerpetualCore
import Testing
@testable import PerpetualTrain

/// The device memory budget at its threshold when a release cannot bring
/// the device back under it. The default model's persistent tensors and
/// first step reserve one 2 MiB segment. That is over 2 % of a 64 MiB
/// device, before and after a release.
@Suite struct DeviceRestartPolicyTests {
    static let threshold = 0.02

    @Test("threshold without a helpful release", arguments: [
        (DeviceRestartPolicy.ifHelpful, false),
        (DeviceRestartPolicy.always, true),
    ])
    func thresholdWithoutHelpfulRelease(policy: DeviceRestartPolicy, stops: Bool) throws {
        let kernel = try TrainKernel(configuration: TrainConfiguration(seed: 1), device: SimulatedDevice(capacity: 64 << 20))
        let budget = DeviceMemoryBudget(kernel: kernel, threshold: Self.threshold, restartPolicy: policy)

        let reading = budget.reading(at: BudgetBoundary(now: 0, segmentSteps: 0))

        let status = try #require(budget.lastStatus)
        let thresholdBytes = Self.threshold * Double(status.capacityBytes)
        #expect(Double(status.reservedBytes) >= thresholdBytes)
        #expect(status.reservedBytesAfterRelease.map { Double($0) >= thresholdBytes } == true)
        #expect(status.nextStepFits)
        #expect(reading.demandsImmediateStop == stops)
        #expect(budget.skippedRestarts == (stops ? 0 : 1))
        #expect((budget.firstSkippedStatus == nil) == stops)
    }

    @Test func alwaysExplainsUnhelpfulRestart() throws {
        let kernel = try TrainKernel(configuration: TrainConfiguration(seed: 1), device: SimulatedDevice(capacity: 64 << 20))
        let budget = DeviceMemoryBudget(kernel: kernel, threshold: Self.threshold, restartPolicy: .always)

        let message = budget.describeStop(budget.reading(at: BudgetBoundary(now: 0, segmentSteps: 0)))

        #expect(message.hasPrefix("device memory reserved 3 % reached the threshold of 2 % (--device-restart always restarts although a restart cannot bring it under the threshold)"),
                "\(message)")
    }

    @Test func defaultPolicyIsIfHelpful() throws {
        let kernel = try TrainKernel(configuration: TrainConfiguration(seed: 1), device: SimulatedDevice(capacity: 64 << 20))
        #expect(DeviceMemoryBudget(kernel: kernel).restartPolicy == .ifHelpful)
        #expect(DeviceRestartPolicy(rawValue: "if-helpful") == .ifHelpful)
        #expect(DeviceRestartPolicy(rawValue: "always") == .always)
    }
}
