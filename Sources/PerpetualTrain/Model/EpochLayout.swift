/// The position of each epoch's steps in the whole job. One step is one
/// minibatch, and an epoch of `n` training images in batches of `b` has
/// `⌈n / b⌉` steps, the last batch holding the remainder.
public struct EpochLayout: Sendable, Equatable {
    /// Batch size of each epoch.
    public let batchSizes: [Int]
    /// Global index of the first step of each epoch, and the total step
    /// count as the last element.
    public let firstSteps: [Int]
    /// Training images per epoch.
    public let imageCount: Int

    public init(imageCount: Int, epochs: Int, schedule: BatchSchedule) {
        precondition(imageCount > 0 && epochs > 0, "EpochLayout needs images and epochs, got \(imageCount) and \(epochs)")
        self.imageCount = imageCount
        batchSizes = (0..<epochs).map { min(schedule.size(ofEpoch: $0), imageCount) }
        var first = [0]
        for size in batchSizes {
            first.append(first.last! + (imageCount + size - 1) / size)
        }
        firstSteps = first
    }

    /// Steps of the whole job.
    public var totalSteps: Int { firstSteps.last! }

    /// Returns the epoch and the batch index within it of global step `step`
    /// (counting from 0). Traps when `step` is not below ``totalSteps``.
    public func position(ofStep step: Int) -> (epoch: Int, batch: Int) {
        precondition(step >= 0 && step < totalSteps, "step \(step) is outside 0..<\(totalSteps)")
        // Binary search for the last epoch whose first step is ≤ step.
        var low = 0
        var high = batchSizes.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if firstSteps[middle] <= step { low = middle } else { high = middle - 1 }
        }
        return (low, step - firstSteps[low])
    }

    /// Returns the image positions `start..<end` in the epoch's shuffled
    /// order that batch `batch` of epoch `epoch` covers.
    public func batchRange(epoch: Int, batch: Int) -> Range<Int> {
        let size = batchSizes[epoch]
        let start = batch * size
        return start..<min(imageCount, start + size)
    }

    /// Returns whether step `step` is the last of its epoch.
    public func endsEpoch(_ step: Int) -> Bool {
        let (epoch, _) = position(ofStep: step)
        return step + 1 == firstSteps[epoch + 1]
    }
}
