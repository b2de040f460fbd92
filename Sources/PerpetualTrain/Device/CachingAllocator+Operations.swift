extension CachingAllocator {
    /// Serves a request of `bytes` from the cache or from a new segment.
    ///
    /// - Returns: the block, and the ids of segments released on the way
    ///   (by the retry after a failed reservation), whose memory the caller
    ///   must give back.
    /// - Throws: ``AllocationFailure`` when the request cannot be served even
    ///   after releasing every fully free cached segment. The cache is then
    ///   released as far as it could be, as PyTorch leaves it.
    public mutating func allocate(_ bytes: Int) throws(AllocationFailure) -> (allocation: DeviceAllocation, released: [Int]) {
        precondition(bytes > 0, "CachingAllocator.allocate needs a positive byte count, got \(bytes)")
        let size = Self.roundedSize(bytes)
        let pool = Self.pool(forRoundedSize: size)

        if let (segmentIndex, blockIndex) = bestFit(size: size, pool: pool) {
            return (take(segmentIndex: segmentIndex, blockIndex: blockIndex, size: size, requested: bytes), [])
        }

        var released: [Int] = []
        let segmentSize = Self.segmentSize(forRoundedSize: size)
        if statistics.reservedBytes + segmentSize > capacity {
            statistics.allocationRetries += 1
            released = releaseCachedSegments()
        }
        guard statistics.reservedBytes + segmentSize <= capacity else {
            statistics.outOfMemoryCount += 1
            throw AllocationFailure(requestedBytes: bytes, roundedBytes: size, segmentBytes: segmentSize)
        }
        let segmentIndex = reserveSegment(size: segmentSize, pool: pool)
        return (take(segmentIndex: segmentIndex, blockIndex: 0, size: size, requested: bytes), released)
    }

    /// Returns a block to the cache and merges it with free neighbours.
    /// Traps when the block is not allocated, because that is a double free.
    public mutating func free(_ allocation: DeviceAllocation) {
        guard let segmentIndex = segments.firstIndex(where: { $0.id == allocation.segmentID }),
              let blockIndex = segments[segmentIndex].blocks.firstIndex(where: { $0.offset == allocation.offset }),
              segments[segmentIndex].blocks[blockIndex].isAllocated else {
            preconditionFailure("CachingAllocator.free: no allocated block at segment \(allocation.segmentID), offset \(allocation.offset); freed twice?")
        }
        let block = segments[segmentIndex].blocks[blockIndex]
        statistics.allocatedBytes -= block.size
        statistics.requestedBytes -= block.requestedBytes
        statistics.activeBlocks -= 1
        statistics.frees += 1

        var blocks = segments[segmentIndex].blocks
        blocks[blockIndex].isAllocated = false
        blocks[blockIndex].requestedBytes = 0
        var index = blockIndex
        if index + 1 < blocks.count, !blocks[index + 1].isAllocated {
            blocks[index].size += blocks[index + 1].size
            blocks.remove(at: index + 1)
        }
        if index > 0, !blocks[index - 1].isAllocated {
            blocks[index - 1].size += blocks[index].size
            blocks.remove(at: index)
            index -= 1
        }
        segments[segmentIndex].blocks = blocks
    }

    /// Releases every segment whose memory is all cached (no live block),
    /// as `torch.cuda.empty_cache()` does. Returns the released segment ids.
    @discardableResult
    public mutating func releaseCachedSegments() -> [Int] {
        let released = segments.filter(\.isFree)
        guard !released.isEmpty else { return [] }
        segments.removeAll(where: \.isFree)
        for segment in released {
            statistics.reservedBytes -= segment.size
            statistics.segmentReleases += 1
        }
        return released.map(\.id)
    }

    /// Tries the phases of `plan` on this bookkeeping: each phase's requests
    /// in order, then (with `freeingPhases`) frees them. Returns whether
    /// all were served; without `allowingRelease`, a request that needed
    /// the release-and-retry step counts as not served.
    mutating func canServe(_ plan: AllocationPlan, allowingRelease: Bool, freeingPhases: Bool = true) -> Bool {
        for phase in plan.phases {
            var taken: [DeviceAllocation] = []
            for bytes in phase {
                let releasesBefore = statistics.segmentReleases
                guard let result = try? allocate(bytes) else { return false }
                if !allowingRelease && statistics.segmentReleases != releasesBefore { return false }
                taken.append(result.allocation)
            }
            if freeingPhases {
                for allocation in taken { free(allocation) }
            }
        }
        return true
    }

    // MARK: - Queries

    /// Bytes in cached free blocks, the room reserved but not handed out.
    public var cachedFreeBytes: Int { statistics.reservedBytes - statistics.allocatedBytes }

    /// Size of the largest cached free block, 0 when none.
    public var largestCachedBlock: Int {
        segments.flatMap(\.blocks).filter { !$0.isAllocated }.map(\.size).max() ?? 0
    }

    /// Number of reserved segments.
    public var segmentCount: Int { segments.count }

    // MARK: - Steps

    /// Returns the smallest free block of `pool` of at least `size` bytes.
    private func bestFit(size: Int, pool: Pool) -> (Int, Int)? {
        var best: (segment: Int, block: Int, size: Int)?
        for segmentIndex in segments.indices where segments[segmentIndex].pool == pool {
            for (blockIndex, block) in segments[segmentIndex].blocks.enumerated()
            where !block.isAllocated && block.size >= size && block.size < (best?.size ?? .max) {
                best = (segmentIndex, blockIndex, block.size)
            }
        }
        return best.map { ($0.segment, $0.block) }
    }

    /// Reserves a new segment with one free block and returns its index.
    private mutating func reserveSegment(size: Int, pool: Pool) -> Int {
        segments.append(Segment(id: nextSegmentID, size: size, pool: pool,
                                blocks: [Block(offset: 0, size: size, isAllocated: false, requestedBytes: 0)]))
        nextSegmentID += 1
        statistics.reservedBytes += size
        statistics.peakReservedBytes = max(statistics.peakReservedBytes, statistics.reservedBytes)
        statistics.segmentReservations += 1
        return segments.count - 1
    }

    /// Hands out `size` bytes of a free block, splitting off the rest.
    private mutating func take(segmentIndex: Int, blockIndex: Int, size: Int, requested: Int) -> DeviceAllocation {
        var segment = segments[segmentIndex]
        let block = segment.blocks[blockIndex]
        if Self.shouldSplit(blockSize: block.size, size: size, pool: segment.pool) {
            segment.blocks[blockIndex].size = size
            let rest = Block(offset: block.offset + size, size: block.size - size, isAllocated: false, requestedBytes: 0)
            segment.blocks.insert(rest, at: blockIndex + 1)
        }
        segment.blocks[blockIndex].isAllocated = true
        segment.blocks[blockIndex].requestedBytes = requested
        segments[segmentIndex] = segment

        let taken = segment.blocks[blockIndex].size
        statistics.allocatedBytes += taken
        statistics.peakAllocatedBytes = max(statistics.peakAllocatedBytes, statistics.allocatedBytes)
        statistics.requestedBytes += requested
        statistics.activeBlocks += 1
        statistics.allocations += 1
        return DeviceAllocation(segmentID: segment.id, offset: block.offset, size: taken, requestedBytes: requested)
    }
}
