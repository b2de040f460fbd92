/// A kernel whose working memory lives on an accelerator of fixed
/// capacity, such as a GPU, and that can give that memory back.
///
/// ``DeviceMemoryBudget`` reads ``deviceMemoryStatus()`` at every step
/// boundary. When the device is nearly full, or the next step's planned
/// allocations would not fit, the run stops with a checkpoint. The
/// command-line tool then calls ``releaseDevice()``, restores the kernel
/// from that checkpoint with ``Kernel/restoreState(_:)`` and continues in
/// the same process, as a job does after `torch.cuda.empty_cache()` or a
/// restart. The kernel's results must not depend on how often that happens.
public protocol DeviceMemoryKernel: Kernel {
    /// Returns the device's occupancy and whether the next step's
    /// allocations fit. Called at every step boundary, so it should cost
    /// little next to a step.
    func deviceMemoryStatus() -> DeviceMemoryStatus

    /// Frees every tensor of the kernel and returns all reserved memory to
    /// the device. Afterwards only ``Kernel/restoreState(_:)`` may be called;
    /// it allocates the tensors again.
    func releaseDevice()
}

/// Occupancy of a kernel's device at a step boundary.
public struct DeviceMemoryStatus: Sendable, Equatable {
    /// Bytes the device holds.
    public var capacityBytes: Int
    /// Bytes reserved by the kernel's allocator: in tensors or cached.
    public var reservedBytes: Int
    /// Bytes in live tensors.
    public var allocatedBytes: Int
    /// Bytes the next step requests at its peak, before rounding; 0 when
    /// the work is complete.
    public var nextStepBytes: Int
    /// Whether the next step's allocations fit the device as it is, without
    /// releasing cached memory.
    public var nextStepFits: Bool
    /// Whether they fit after ``DeviceMemoryKernel/releaseDevice()`` and a
    /// restore, when only the kernel's persistent tensors occupy the device.
    public var nextStepFitsAfterRelease: Bool
    /// Reserved bytes at the next step's peak after a release and restore,
    /// or `nil` when the step would not fit then.
    public var reservedBytesAfterRelease: Int?
    /// Smallest capacity on which the next step fits after a release, when
    /// it does not fit this device at all; `nil` otherwise.
    public var requiredCapacityBytes: Int?

    public init(capacityBytes: Int, reservedBytes: Int, allocatedBytes: Int, nextStepBytes: Int,
                nextStepFits: Bool, nextStepFitsAfterRelease: Bool, reservedBytesAfterRelease: Int?,
                requiredCapacityBytes: Int? = nil) {
        self.capacityBytes = capacityBytes
        self.reservedBytes = reservedBytes
        self.allocatedBytes = allocatedBytes
        self.nextStepBytes = nextStepBytes
        self.nextStepFits = nextStepFits
        self.nextStepFitsAfterRelease = nextStepFitsAfterRelease
        self.reservedBytesAfterRelease = reservedBytesAfterRelease
        self.requiredCapacityBytes = requiredCapacityBytes
    }
}
