/// The block distribution of `count` items (chains, particles) over the
/// ranks of a job: rank `r` of `p` owns a contiguous range, the first
/// `count % p` ranks one item more than the rest.
///
/// For 10 items on 4 ranks the shares are `0..<3`, `3..<6`, `6..<8`,
/// `8..<10`. With more ranks than items the last ranks own empty ranges. The
/// distribution depends only on `count`, `rank` and `size`, so a job
/// restarted on another rank count computes the new shares from the global
/// item indices stored in the checkpoint.
public struct BlockPartition: Sendable, Equatable {
    public let count: Int
    public let rank: Int
    public let size: Int

    /// Traps unless `count ≥ 0` and `0 ≤ rank < size`.
    public init(count: Int, rank: Int, size: Int) {
        precondition(count >= 0, "BlockPartition count must be ≥ 0, got \(count)")
        precondition(size >= 1 && rank >= 0 && rank < size, "BlockPartition rank \(rank) is outside 0..<\(size)")
        self.count = count
        self.rank = rank
        self.size = size
    }

    /// The partition of `count` items over the ranks of `communicator`.
    public init(count: Int, communicator: any Communicator) {
        self.init(count: count, rank: communicator.rank, size: communicator.size)
    }

    /// Global indices of this rank's items.
    public var range: Range<Int> { Self.range(count: count, rank: rank, size: size) }

    /// Global indices of the items of any rank.
    public static func range(count: Int, rank: Int, size: Int) -> Range<Int> {
        let base = count / size
        let extra = count % size
        let start = rank * base + min(rank, extra)
        return start..<(start + base + (rank < extra ? 1 : 0))
    }
}
