/// Counters of a device's memory, named after the fields of PyTorch's
/// `torch.cuda.memory_stats()`.
public struct DeviceMemoryStatistics: Sendable, Equatable {
    /// Bytes in blocks handed out, after rounding (`allocated_bytes`).
    public var allocatedBytes = 0
    /// Largest ``allocatedBytes`` so far.
    public var peakAllocatedBytes = 0
    /// Bytes the callers asked for, before rounding (`requested_bytes`).
    public var requestedBytes = 0
    /// Bytes in reserved segments, handed out or cached (`reserved_bytes`).
    public var reservedBytes = 0
    /// Largest ``reservedBytes`` so far.
    public var peakReservedBytes = 0
    /// Blocks handed out now.
    public var activeBlocks = 0
    /// Allocations served since creation.
    public var allocations = 0
    /// Frees since creation.
    public var frees = 0
    /// Segments reserved from the device ("cudaMalloc" calls).
    public var segmentReservations = 0
    /// Segments given back to the device.
    public var segmentReleases = 0
    /// Times a reservation failed and the cache was released before
    /// trying again (`num_alloc_retries`).
    public var allocationRetries = 0
    /// Requests that failed for lack of memory (`num_ooms`).
    public var outOfMemoryCount = 0
    /// Bytes copied from host to device.
    public var hostToDeviceBytes = 0
    /// Bytes copied from device to host.
    public var deviceToHostBytes = 0

    public init() {}
}
