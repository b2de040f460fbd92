import PerpetualCore

/// A checkpoint sink that keeps every snapshot in memory and can advance a
/// ``ManualClock`` by a simulated write time or throw on a chosen commit.
final class MemorySink: CheckpointSink {
    private(set) var snapshots: [Snapshot] = []
    /// Trace values of all committed blocks, in commit order.
    private(set) var committedTrace: [Double] = []
    /// `firstRow` of each committed block, to check the blocks are contiguous.
    private(set) var firstRows: [Int] = []

    var clock: ManualClock?
    /// Simulated seconds of the commit with this index (0 for the first).
    var writeSeconds: (Int) -> Double = { _ in 0 }
    /// Throw on the commit with this index instead of committing.
    var failOnCommit: Int?

    func commit(_ snapshot: Snapshot) throws -> CheckpointReceipt {
        let index = snapshots.count
        if failOnCommit == index {
            throw InjectedFailure(label: "commit \(index)")
        }
        let seconds = writeSeconds(index)
        clock?.advance(by: seconds)

        snapshots.append(snapshot)
        committedTrace.append(contentsOf: snapshot.pendingTrace.values)
        firstRows.append(snapshot.pendingTrace.firstRow)
        let bytes = snapshot.state.arrayByteCount + snapshot.pendingTrace.values.count * 8
        return CheckpointReceipt(location: "memory:\(index)", bytes: bytes, seconds: seconds)
    }

    /// Rows committed so far, the `committedTraceRows` of a resumed harness.
    var committedRows: Int {
        snapshots.last.map { $0.pendingTrace.endRow } ?? 0
    }
}
