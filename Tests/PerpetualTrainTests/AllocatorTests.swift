import Testing
@testable import PerpetualTrain

/// The caching allocator's accounting: rounding, pools, splitting, reuse,
/// coalescing, peaks, emptyCache and out-of-memory.
@Suite struct AllocatorTests {
    static let mebibyte = 1 << 20

    struct SizeCase: Sendable, CustomTestStringConvertible {
        var name: String
        var request: Int
        var rounded: Int
        var pool: CachingAllocator.Pool
        var segment: Int
        var testDescription: String { name }
    }

    static let sizes = [
        SizeCase(name: "1 byte", request: 1, rounded: 512, pool: .small, segment: 2 * mebibyte),
        SizeCase(name: "exactly 512", request: 512, rounded: 512, pool: .small, segment: 2 * mebibyte),
        SizeCase(name: "513 bytes", request: 513, rounded: 1024, pool: .small, segment: 2 * mebibyte),
        SizeCase(name: "1 MiB is small", request: mebibyte, rounded: mebibyte, pool: .small, segment: 2 * mebibyte),
        SizeCase(name: "just over 1 MiB", request: mebibyte + 1, rounded: mebibyte + 512, pool: .large, segment: 20 * mebibyte),
        SizeCase(name: "just under 10 MiB", request: 10 * mebibyte - 512, rounded: 10 * mebibyte - 512, pool: .large, segment: 20 * mebibyte),
        SizeCase(name: "10 MiB gets its own", request: 10 * mebibyte, rounded: 10 * mebibyte, pool: .large, segment: 10 * mebibyte),
        SizeCase(name: "11 MiB rounds to 12", request: 11 * mebibyte, rounded: 11 * mebibyte, pool: .large, segment: 12 * mebibyte),
    ]

    @Test(arguments: sizes)
    func roundingAndPools(_ size: SizeCase) {
        let rounded = CachingAllocator.roundedSize(size.request)
        #expect(rounded == size.rounded)
        #expect(CachingAllocator.pool(forRoundedSize: rounded) == size.pool)
        #expect(CachingAllocator.segmentSize(forRoundedSize: rounded) == size.segment)
    }

    @Test func smallBlockSplitsSegment() throws {
        var allocator = CachingAllocator(capacity: 64 * Self.mebibyte)
        let first = try allocator.allocate(1000).allocation
        let second = try allocator.allocate(3000).allocation

        #expect(first.segmentID == second.segmentID)
        #expect(first.offset == 0)
        #expect(second.offset == 1024)
        #expect(second.size == 3072)
        #expect(allocator.statistics.reservedBytes == 2 * Self.mebibyte)
        #expect(allocator.statistics.allocatedBytes == 4096)
        #expect(allocator.statistics.requestedBytes == 4000)
        #expect(allocator.statistics.segmentReservations == 1)
    }

    @Test func largeRemainderOfOneMebibyteIsNotSplit() throws {
        var allocator = CachingAllocator(capacity: 64 * Self.mebibyte)
        // 19 MiB of a 20 MiB segment leaves exactly 1 MiB, which is not
        // more than 1 MiB, so the whole segment is handed out.
        let block = try allocator.allocate(19 * Self.mebibyte).allocation
        let next = try allocator.allocate(2 * Self.mebibyte).allocation

        #expect(block.size == 20 * Self.mebibyte)
        #expect(next.segmentID != block.segmentID)
        #expect(allocator.statistics.reservedBytes == 40 * Self.mebibyte)
    }

    @Test func freedBlockIsReusedWithoutReserving() throws {
        var allocator = CachingAllocator(capacity: 64 * Self.mebibyte)
        let first = try allocator.allocate(4 * Self.mebibyte).allocation
        allocator.free(first)
        let again = try allocator.allocate(3 * Self.mebibyte).allocation

        #expect(again.segmentID == first.segmentID)
        #expect(again.offset == 0)
        #expect(allocator.statistics.segmentReservations == 1)
        #expect(allocator.statistics.reservedBytes == 20 * Self.mebibyte)
        #expect(allocator.statistics.allocations == 2)
        #expect(allocator.statistics.frees == 1)
    }

    @Test func bestFitPrefersSmallestBlock() throws {
        var allocator = CachingAllocator(capacity: 64 * Self.mebibyte)
        let a = try allocator.allocate(4096).allocation
        let keep1 = try allocator.allocate(512).allocation
        let b = try allocator.allocate(1024).allocation
        let keep2 = try allocator.allocate(512).allocation
        allocator.free(a)
        allocator.free(b)
        let chosen = try allocator.allocate(700).allocation

        #expect(chosen.offset == b.offset)
        #expect(keep1.offset < keep2.offset)
    }

    @Test func freeCoalescesNeighbours() throws {
        var allocator = CachingAllocator(capacity: 64 * Self.mebibyte)
        let blocks = try (0..<3).map { _ in try allocator.allocate(2048).allocation }
        allocator.free(blocks[0])
        allocator.free(blocks[2])
        allocator.free(blocks[1])

        #expect(allocator.segments.count == 1)
        #expect(allocator.segments[0].blocks.count == 1)
        #expect(allocator.largestCachedBlock == 2 * Self.mebibyte)
    }

    @Test func peaksStayAfterFrees() throws {
        var allocator = CachingAllocator(capacity: 64 * Self.mebibyte)
        let big = try allocator.allocate(12 * Self.mebibyte).allocation
        let small = try allocator.allocate(100).allocation
        allocator.free(big)
        allocator.releaseCachedSegments()

        #expect(allocator.statistics.peakAllocatedBytes == 12 * Self.mebibyte + 512)
        #expect(allocator.statistics.peakReservedBytes == 14 * Self.mebibyte)
        #expect(allocator.statistics.allocatedBytes == 512)
        #expect(allocator.statistics.reservedBytes == 2 * Self.mebibyte)
        allocator.free(small)
    }

    @Test func emptyCacheKeepsSegmentsWithLiveBlocks() throws {
        var allocator = CachingAllocator(capacity: 64 * Self.mebibyte)
        let live = try allocator.allocate(512).allocation
        let cached = try allocator.allocate(5 * Self.mebibyte).allocation
        allocator.free(cached)
        let released = allocator.releaseCachedSegments()

        #expect(released == [cached.segmentID])
        #expect(allocator.statistics.reservedBytes == 2 * Self.mebibyte)
        #expect(allocator.statistics.segmentReleases == 1)
        allocator.free(live)
    }

    @Test func reservationRetriesAfterReleasingCache() throws {
        var allocator = CachingAllocator(capacity: 24 * Self.mebibyte)
        let first = try allocator.allocate(5 * Self.mebibyte).allocation
        allocator.free(first)
        // The cached 20 MiB block is too small for 21 MiB, and beside it a
        // new 22 MiB segment exceeds 24 MiB, so the cached segment is
        // released and the reservation tried again.
        let (block, released) = try allocator.allocate(21 * Self.mebibyte)

        #expect(released == [first.segmentID])
        // The 1 MiB left of the 22 MiB segment is not split off.
        #expect(block.size == 22 * Self.mebibyte)
        #expect(allocator.statistics.allocationRetries == 1)
        #expect(allocator.statistics.reservedBytes == 22 * Self.mebibyte)
    }

    @Test func outOfMemoryNamesRequestCapacityAndUsage() throws {
        let device = SimulatedDevice(capacity: 8 * Self.mebibyte)
        let held = try device.tensor(rows: 1000, columns: 100, purpose: "weights")
        let error = #expect(throws: DeviceError.self) {
            _ = try device.tensor(rows: 1024, columns: 1024, purpose: "activations of layer 1")
        }

        #expect(error?.code == .outOfMemory)
        #expect(error?.requestedBytes == 8 * Self.mebibyte)
        #expect(error?.capacityBytes == 8 * Self.mebibyte)
        #expect(error?.reservedBytes == 2 * Self.mebibyte)
        #expect(error?.allocatedBytes == 800_256)
        #expect(error?.description == "simulated device out of memory: tried to allocate 8.0 MiB (8388608 bytes) for activations of layer 1; 8.0 MiB capacity, 781.5 KiB allocated, 2.0 MiB reserved, 6.0 MiB free. Give a larger --device-memory, or use a smaller batch or model")
        #expect(device.statistics.outOfMemoryCount == 1)
        withExtendedLifetime(held) {}
    }

    @Test func tensorReturnsBlockWhenReleased() throws {
        let device = SimulatedDevice(capacity: 8 * Self.mebibyte)
        do {
            let tensor = try device.tensor(rows: 10, columns: 10, purpose: "test")
            device.upload([Double](repeating: 2, count: 100), to: tensor)
            withExtendedLifetime(tensor) {
                #expect(device.download(tensor) == [Double](repeating: 2, count: 100))
                #expect(device.allocatedBytes == 1024)
            }
        }
        #expect(device.allocatedBytes == 0)
        #expect(device.reservedBytes == 2 * Self.mebibyte)
        #expect(device.statistics.hostToDeviceBytes == 800)
        #expect(device.statistics.deviceToHostBytes == 800)
        device.emptyCache()
        #expect(device.reservedBytes == 0)
    }

    @Test func planCheckSeesFragmentation() throws {
        let device = SimulatedDevice(capacity: 40 * Self.mebibyte)
        let pinned = try device.tensor(rows: 1, columns: 10, purpose: "pinned")
        // A cached 12 MiB segment cannot serve a 14 MiB request, and a new
        // 14 MiB segment does not fit beside it, so the plan needs a release.
        do { _ = try device.tensor(rows: 12 * 131_072, columns: 1, purpose: "old batch") }
        let plan = AllocationPlan(phases: [[14 * Self.mebibyte, 14 * Self.mebibyte]])

        #expect(device.reservedBytes == 14 * Self.mebibyte)
        #expect(!device.fits(plan, releasingCache: false))
        #expect(device.fits(plan, releasingCache: true))
        #expect(device.reservedBytes == 14 * Self.mebibyte)
        withExtendedLifetime(pinned) {}
    }
}
