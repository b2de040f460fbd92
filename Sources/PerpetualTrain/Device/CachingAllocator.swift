/// Bookkeeping of device memory in the manner of PyTorch's CUDA caching
/// allocator (`c10/cuda/CUDACachingAllocator.cpp`): which byte ranges of
/// which segments are handed out, and which are cached for reuse.
///
/// It owns no memory itself. ``SimulatedDevice`` backs each segment with
/// host memory, so this type can be copied freely to try a plan of
/// allocations without touching the real state (see ``SimulatedDevice/fits(_:)``).
///
/// The rules, with PyTorch's constants:
/// - Every request is rounded up to a multiple of 512 bytes (at least 512).
/// - Rounded sizes up to 1 MiB come from the small pool, larger ones from
///   the large pool; a block never moves between pools.
/// - A request takes the smallest cached free block of its pool that is
///   large enough (ties: the lowest segment, then the lowest offset), and
///   splits it when the rest is at least 512 bytes (small pool) or more
///   than 1 MiB (large pool).
/// - Without a fitting cached block, a new segment is reserved ("cudaMalloc"):
///   2 MiB for a small request, 20 MiB for a large request under 10 MiB,
///   else the request rounded up to a multiple of 2 MiB.
/// - When that segment would exceed the capacity, every fully free cached
///   segment is released (as `emptyCache` does) and the reservation is
///   tried once more; if it still does not fit, the request fails.
/// - A freed block merges with free neighbours in its segment and stays
///   reserved until ``releaseCachedSegments()``.
///
/// Not modelled: CUDA streams and events, `max_split_size_mb`, expandable
/// segments, and the rounding of large requests to powers of two.
public struct CachingAllocator: Sendable {
    /// Granularity of block sizes (`kMinBlockSize`).
    public static let minimumBlockBytes = 512
    /// Largest rounded request served from the small pool (`kSmallSize`).
    public static let smallRequestLimit = 1 << 20
    /// Segment size of the small pool (`kSmallBuffer`).
    public static let smallSegmentBytes = 2 << 20
    /// Segment size for large requests under ``largeSegmentThreshold`` (`kLargeBuffer`).
    public static let largeSegmentBytes = 20 << 20
    /// Requests from this size on get a segment of their own (`kMinLargeAlloc`).
    public static let largeSegmentThreshold = 10 << 20
    /// Granularity of those segments (`kRoundLarge`).
    public static let largeRoundingBytes = 2 << 20

    /// One pool of blocks.
    public enum Pool: String, Sendable {
        case small, large
    }

    /// A contiguous range of a segment, handed out or cached.
    struct Block: Sendable, Equatable {
        var offset: Int
        var size: Int
        var isAllocated: Bool
        /// Bytes the caller asked for; 0 for a free block.
        var requestedBytes: Int
    }

    /// One reservation from the device, split into blocks ordered by offset.
    struct Segment: Sendable {
        var id: Int
        var size: Int
        var pool: Pool
        var blocks: [Block]

        var isFree: Bool { blocks.count == 1 && !blocks[0].isAllocated }
    }

    /// Device capacity in bytes; reserved bytes never exceed it.
    public let capacity: Int
    var segments: [Segment] = []
    var nextSegmentID = 0
    public internal(set) var statistics = DeviceMemoryStatistics()

    /// Traps unless `capacity` is positive.
    public init(capacity: Int) {
        precondition(capacity > 0, "CachingAllocator needs a capacity > 0 bytes, got \(capacity)")
        self.capacity = capacity
    }

    // MARK: - Sizes

    /// Returns `bytes` rounded up to a multiple of 512, at least 512.
    public static func roundedSize(_ bytes: Int) -> Int {
        guard bytes > minimumBlockBytes else { return minimumBlockBytes }
        return (bytes + minimumBlockBytes - 1) / minimumBlockBytes * minimumBlockBytes
    }

    /// Returns the pool that serves a rounded size.
    public static func pool(forRoundedSize size: Int) -> Pool {
        size <= smallRequestLimit ? .small : .large
    }

    /// Returns the size of a new segment for a rounded request.
    public static func segmentSize(forRoundedSize size: Int) -> Int {
        if size <= smallRequestLimit { return smallSegmentBytes }
        if size < largeSegmentThreshold { return largeSegmentBytes }
        return (size + largeRoundingBytes - 1) / largeRoundingBytes * largeRoundingBytes
    }

    /// Returns whether a free block of `blockSize` is split to serve `size`.
    static func shouldSplit(blockSize: Int, size: Int, pool: Pool) -> Bool {
        let remaining = blockSize - size
        return pool == .small ? remaining >= minimumBlockBytes : remaining > smallRequestLimit
    }
}

/// The block that serves an allocation: its segment, offset and size.
public struct DeviceAllocation: Sendable, Equatable {
    /// Segment holding the block.
    public var segmentID: Int
    /// Byte offset of the block in its segment.
    public var offset: Int
    /// Rounded size of the block.
    public var size: Int
    /// Bytes requested.
    public var requestedBytes: Int
}

/// A request that could not be served. ``SimulatedDevice`` turns it into a ``DeviceError``.
public struct AllocationFailure: Error, Sendable, Equatable {
    public var requestedBytes: Int
    public var roundedBytes: Int
    /// Size of the segment that could not be reserved.
    public var segmentBytes: Int
}
