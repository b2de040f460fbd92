/// A limit on the device memory of a ``DeviceMemoryKernel``: the run stops
/// with a checkpoint when the reserved bytes reach a fraction of the
/// capacity, or when the next step's planned allocations would not fit.
///
/// With ``DeviceRestartPolicy/ifHelpful`` (the default) the threshold
/// counts only when a release would bring the device back under it: when
/// the next step, run on a device that holds only the persistent tensors,
/// would reserve less than the threshold. A job whose working set is above
/// the threshold anyway would otherwise release and restore after every
/// step without gaining anything. ``DeviceRestartPolicy/always`` stops at
/// the threshold regardless.
///
/// Stopping on this budget is recoverable in the same process: release the
/// device, restore from the checkpoint and continue, unless
/// ``DeviceMemoryStatus/nextStepFitsAfterRelease`` of ``lastStatus`` is
/// false. The reading's unit is bytes, used is the reserved bytes and the
/// limit is the capacity.
public final class DeviceMemoryBudget: Budget {
    public let kernel: any DeviceMemoryKernel
    /// Reserved fraction of the capacity at which the budget demands a stop, in (0, 1].
    public let threshold: Double
    /// Whether reaching the threshold stops the run when a release cannot
    /// bring the device under it.
    public let restartPolicy: DeviceRestartPolicy
    /// The status read at the last boundary.
    public private(set) var lastStatus: DeviceMemoryStatus?
    /// Boundaries at which reserved bytes were at or over the threshold but
    /// ``DeviceRestartPolicy/ifHelpful`` did not stop, because a release
    /// would not bring them under it.
    public private(set) var skippedRestarts = 0
    /// The status at the first of ``skippedRestarts``.
    public private(set) var firstSkippedStatus: DeviceMemoryStatus?

    /// Name of this budget's readings.
    public static let name = "device memory"

    /// Traps unless `threshold` is in (0, 1].
    public init(kernel: any DeviceMemoryKernel, threshold: Double = 0.85, restartPolicy: DeviceRestartPolicy = .ifHelpful) {
        precondition(threshold > 0 && threshold <= 1, "DeviceMemoryBudget needs a threshold in (0, 1], got \(threshold)")
        self.kernel = kernel
        self.threshold = threshold
        self.restartPolicy = restartPolicy
    }

    public func reading(at boundary: BudgetBoundary) -> BudgetReading {
        let status = kernel.deviceMemoryStatus()
        lastStatus = status
        let used = Double(status.reservedBytes)
        let limit = Double(status.capacityBytes)
        let atThreshold = used >= threshold * limit
        let releaseHelps = status.reservedBytesAfterRelease.map { Double($0) < threshold * limit } ?? false
        let overThreshold = atThreshold && (releaseHelps || restartPolicy == .always)
        if atThreshold && !overThreshold && !kernel.isComplete {
            skippedRestarts += 1
            if firstSkippedStatus == nil { firstSkippedStatus = status }
        }
        return BudgetReading(name: Self.name, unit: .bytes, used: used, limit: limit, secondsLeft: nil,
                             demandsImmediateStop: !kernel.isComplete && (overThreshold || !status.nextStepFits))
    }

    public func describeStop(_ reading: BudgetReading) -> String {
        guard let status = lastStatus else { return "device memory budget used" }
        let usage = "\(ByteSize.format(status.reservedBytes)) reserved (\(ByteSize.format(status.allocatedBytes)) in tensors) of \(ByteSize.format(status.capacityBytes))"
        if !status.nextStepFitsAfterRelease {
            let required = status.requiredCapacityBytes.map { ", and needs a device of at least \(ByteSize.format($0))" } ?? ""
            return "the next step requests \(ByteSize.format(status.nextStepBytes)) of device memory, which does not fit even on an emptied device\(required): \(usage)"
        }
        if !status.nextStepFits {
            return "the next step's \(ByteSize.format(status.nextStepBytes)) of device memory would not fit beside the cached blocks: \(usage)"
        }
        let percent = Int((100 * reading.usedFraction).rounded())
        let decision: String
        if let after = status.reservedBytesAfterRelease, Double(after) < threshold * Double(status.capacityBytes) {
            decision = "a restart brings it down to \(ByteSize.format(after))"
        } else {
            decision = "--device-restart always restarts although a restart cannot bring it under the threshold"
        }
        return "device memory reserved \(percent) % reached the threshold of \(Int((100 * threshold).rounded())) % (\(decision)): \(usage)"
    }
}
