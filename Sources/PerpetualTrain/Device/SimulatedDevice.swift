import PerpetualCore

/// An accelerator whose memory is the scarce resource: a fixed capacity,
/// tensors allocated through a ``CachingAllocator``, and counted copies
/// between host and device.
///
/// Computation runs on the host: each reserved segment is a block of host
/// memory of the segment's size, and a tensor's elements live at its
/// block's offset in it. So reserved device bytes are host bytes too, and
/// fragmentation of the device is real fragmentation of those blocks.
///
/// Not thread-safe: one kernel owns one device.
public final class SimulatedDevice {
    /// Bytes the device holds; reservations never exceed it.
    public let capacity: Int
    var allocator: CachingAllocator
    /// Host memory backing each reserved segment, by segment id.
    private var backing: [Int: UnsafeMutableRawPointer] = [:]
    private var transfers = (hostToDevice: 0, deviceToHost: 0)

    /// Alignment of every segment, enough for any SIMD load.
    static let segmentAlignment = 64

    /// Creates an empty device. Traps unless `capacity` is positive.
    public init(capacity: Int) {
        self.capacity = capacity
        self.allocator = CachingAllocator(capacity: capacity)
    }

    deinit {
        for pointer in backing.values { pointer.deallocate() }
    }

    /// Memory counters, with the copy counters filled in.
    public var statistics: DeviceMemoryStatistics {
        var statistics = allocator.statistics
        statistics.hostToDeviceBytes = transfers.hostToDevice
        statistics.deviceToHostBytes = transfers.deviceToHost
        return statistics
    }

    /// Bytes in reserved segments.
    public var reservedBytes: Int { allocator.statistics.reservedBytes }

    /// Bytes in live tensors.
    public var allocatedBytes: Int { allocator.statistics.allocatedBytes }

    /// Bytes reserved but not handed out: cached free blocks.
    public var cachedFreeBytes: Int { allocator.cachedFreeBytes }

    /// Number of reserved segments.
    public var segmentCount: Int { allocator.segmentCount }

    // MARK: - Tensors

    /// Allocates a zero-filled `rows × columns` tensor of float64.
    /// - Throws: ``DeviceError/Code/outOfMemory`` naming `purpose`, the
    ///   request, the capacity and the usage when it does not fit.
    public func tensor(rows: Int, columns: Int, purpose: String) throws(DeviceError) -> DeviceTensor {
        precondition(rows > 0 && columns > 0, "a device tensor needs rows > 0 and columns > 0, got \(rows) × \(columns) for \(purpose)")
        let bytes = rows * columns * MemoryLayout<Double>.stride
        let allocation = try allocate(bytes, purpose: purpose)
        let address = backing[allocation.segmentID]! + allocation.offset
        let pointer = address.bindMemory(to: Double.self, capacity: rows * columns)
        pointer.initialize(repeating: 0, count: rows * columns)
        return DeviceTensor(device: self, allocation: allocation, pointer: pointer, rows: rows, columns: columns)
    }

    /// Serves `bytes` from the allocator and backs new segments with host memory.
    private func allocate(_ bytes: Int, purpose: String) throws(DeviceError) -> DeviceAllocation {
        let result: (allocation: DeviceAllocation, released: [Int])
        do {
            result = try allocator.allocate(bytes)
        } catch {
            giveBack(releasedSegments: allocator.releaseCachedSegments())
            throw DeviceError(.outOfMemory, purpose: purpose, requestedBytes: bytes, capacityBytes: capacity,
                              allocatedBytes: allocator.statistics.allocatedBytes, reservedBytes: allocator.statistics.reservedBytes)
        }
        giveBack(releasedSegments: result.released)
        let segmentID = result.allocation.segmentID
        if backing[segmentID] == nil {
            let size = allocator.segments.first { $0.id == segmentID }!.size
            backing[segmentID] = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: Self.segmentAlignment)
        }
        return result.allocation
    }

    /// Returns a tensor's block to the cache; called by ``DeviceTensor`` when it goes away.
    func free(_ allocation: DeviceAllocation) {
        allocator.free(allocation)
    }

    /// Releases every segment without a live tensor, as
    /// `torch.cuda.empty_cache()` does; live tensors keep their segments.
    public func emptyCache() {
        giveBack(releasedSegments: allocator.releaseCachedSegments())
    }

    private func giveBack(releasedSegments: [Int]) {
        for id in releasedSegments {
            backing.removeValue(forKey: id)?.deallocate()
        }
    }

    // MARK: - Planning

    /// Returns whether the phases of `plan` could all be allocated now, each
    /// phase's tensors alive together and freed before the next phase.
    ///
    /// The check runs the allocator's rules on a copy of its bookkeeping, so
    /// it accounts for rounding, pools and fragmentation. With
    /// `releasingCache` false, a plan that needs the release-and-retry step
    /// does not fit, so `true` means it fits beside the cached blocks. With
    /// `releasingCache` true, the cache is released first, and the result
    /// says whether the plan fits beside the live tensors at all.
    public func fits(_ plan: AllocationPlan, releasingCache: Bool) -> Bool {
        var trial = allocator
        if releasingCache { trial.releaseCachedSegments() }
        return trial.canServe(plan, allowingRelease: releasingCache)
    }

    /// Returns the peak reserved bytes of `plan` on an empty device of this
    /// capacity after allocating `persistent` (request sizes, in order),
    /// which stay alive. Returns `nil` when they do not fit.
    public func peakReservedWhenEmpty(persistent: [Int], plan: AllocationPlan) -> Int? {
        Self.peakReserved(capacity: capacity, persistent: persistent, plan: plan)
    }

    /// Returns the smallest capacity on which `plan` fits after
    /// `persistent`: the peak reserved bytes on a device without limit.
    public func requiredCapacity(persistent: [Int], plan: AllocationPlan) -> Int {
        Self.peakReserved(capacity: Int.max / 2, persistent: persistent, plan: plan)!
    }

    private static func peakReserved(capacity: Int, persistent: [Int], plan: AllocationPlan) -> Int? {
        var trial = CachingAllocator(capacity: capacity)
        guard trial.canServe(AllocationPlan(phases: [persistent]), allowingRelease: false, freeingPhases: false),
              trial.canServe(plan, allowingRelease: true) else { return nil }
        return trial.statistics.peakReservedBytes
    }

    // MARK: - Copies

    /// Copies host values into a tensor and counts the bytes as a
    /// host-to-device transfer. Traps when the counts differ.
    public func upload(_ values: UnsafeBufferPointer<Double>, to tensor: DeviceTensor) {
        precondition(values.count == tensor.count, "upload of \(values.count) values into a \(tensor.rows) × \(tensor.columns) tensor")
        if let base = values.baseAddress {
            tensor.pointer.update(from: base, count: values.count)
        }
        transfers.hostToDevice += values.count * MemoryLayout<Double>.stride
    }

    /// Copies host values into a tensor, counted as a host-to-device transfer.
    public func upload(_ values: [Double], to tensor: DeviceTensor) {
        values.withUnsafeBufferPointer { upload($0, to: tensor) }
    }

    /// Returns a tensor's values as a host array and counts the bytes as a
    /// device-to-host transfer.
    public func download(_ tensor: DeviceTensor) -> [Double] {
        transfers.deviceToHost += tensor.count * MemoryLayout<Double>.stride
        return Array(UnsafeBufferPointer(start: tensor.pointer, count: tensor.count))
    }

    /// Counts `bytes` read back to the host without copying a whole tensor,
    /// for example one scalar loss.
    public func countDownload(bytes: Int) {
        transfers.deviceToHost += bytes
    }
}

/// Allocations a step will make, in phases: the tensors of one phase are
/// alive together, and all are freed before the next phase begins.
public struct AllocationPlan: Sendable, Equatable {
    /// Request sizes in bytes, in allocation order, per phase.
    public var phases: [[Int]]

    public init(phases: [[Int]]) {
        self.phases = phases
    }

    /// Total bytes requested by the largest phase, before rounding.
    public var peakPhaseBytes: Int { phases.map { $0.reduce(0, +) }.max() ?? 0 }
}
