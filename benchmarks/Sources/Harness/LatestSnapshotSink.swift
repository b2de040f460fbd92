import PerpetualCore

/// A checkpoint sink that keeps only the latest snapshot in memory, so that
/// the harness benchmark measures the harness and not a file system.
final class LatestSnapshotSink: CheckpointSink {
    private(set) var latest: Snapshot?
    private(set) var commitCount = 0

    func commit(_ snapshot: Snapshot) throws -> CheckpointReceipt {
        latest = snapshot
        commitCount += 1
        let bytes = snapshot.state.arrayByteCount + snapshot.pendingTrace.values.count * MemoryLayout<Double>.size
        return CheckpointReceipt(location: "memory:\(commitCount)", bytes: bytes, seconds: 0)
    }
}
