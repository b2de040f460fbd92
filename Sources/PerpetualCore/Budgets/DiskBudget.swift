/// A limit on the free space of the checkpoint directory, so that a
/// checkpoint that cannot fit is never started.
///
/// Bytes needed for the next checkpoint are
///
///     max(lastCheckpointBytes, nextCheckpointBytes) × (1 + marginFraction) + overheadBytes + reserveBytes
///
/// from the ``BudgetBoundary``: the size of the previous checkpoint when
/// there is one, and never less than the state's and pending trace's
/// bytes, with a margin for growth and HDF5's metadata. A new generation is written beside the
/// old one before the old one is removed, so the whole size must be free.
///
/// At step boundaries the budget demands a stop once the needed bytes
/// exceed the free bytes. There it reads the free space at most every
/// ``sampleInterval`` seconds. Before every write the harness calls
/// ``admitCheckpoint(at:)``, which reads the free space afresh and rejects
/// a write that would not fit. The harness then keeps the previous
/// checkpoint and stops without writing.
///
/// The reading's unit is bytes: used is the needed bytes, limit the free
/// bytes.
public final class DiskBudget: CheckpointSpaceBudget {
    /// Directory the checkpoints are written to.
    public let directory: String
    /// Bytes to leave free after the checkpoint, for other users of the file system.
    public let reserveBytes: Int
    /// Share added to the larger of the previous checkpoint's size and the state's bytes.
    public let marginFraction: Double
    /// Fixed bytes added to the estimate: HDF5 superblock, object headers,
    /// attributes and the trace segment's own metadata; 256 KiB by default.
    public let overheadBytes: Int
    /// Seconds between two reads of the free space at step boundaries.
    public let sampleInterval: Double
    let availableBytes: (String) throws(DiskSpaceError) -> Int

    private var sampleTime = -Double.infinity
    private var lastFreeBytes: Int?
    /// The error of the last failed read, for the stop message.
    public private(set) var lastError: DiskSpaceError?

    /// Name of this budget's readings.
    public static let name = "disk"

    /// Creates the budget. Traps unless `reserveBytes` and `overheadBytes`
    /// are ≥ 0, `marginFraction` ≥ 0 and `sampleInterval` ≥ 0.
    ///
    /// - Parameter availableBytes: Reads the free bytes of a directory;
    ///   ``DiskSpace/availableBytes(in:)`` by default, a stub in tests.
    public init(directory: String, reserveBytes: Int = 0, marginFraction: Double = 0.1,
                overheadBytes: Int = 256 << 10, sampleInterval: Double = 1,
                availableBytes: @escaping (String) throws(DiskSpaceError) -> Int = DiskSpace.availableBytes(in:)) {
        precondition(reserveBytes >= 0, "DiskBudget needs reserveBytes ≥ 0, got \(reserveBytes)")
        precondition(marginFraction >= 0, "DiskBudget needs marginFraction ≥ 0, got \(marginFraction)")
        precondition(overheadBytes >= 0, "DiskBudget needs overheadBytes ≥ 0, got \(overheadBytes)")
        precondition(sampleInterval >= 0, "DiskBudget needs a sample interval ≥ 0 seconds, got \(sampleInterval)")
        self.directory = directory
        self.reserveBytes = reserveBytes
        self.marginFraction = marginFraction
        self.overheadBytes = overheadBytes
        self.sampleInterval = sampleInterval
        self.availableBytes = availableBytes
    }

    /// Returns the bytes that must be free to write a checkpoint at `boundary`.
    public func neededBytes(at boundary: BudgetBoundary) -> Int {
        let base = Double(max(boundary.lastCheckpointBytes ?? 0, boundary.nextCheckpointBytes))
        let needed = base * (1 + marginFraction) + Double(overheadBytes) + Double(reserveBytes)
        return Int(min(needed, Double(Int.max)))
    }

    public func reading(at boundary: BudgetBoundary) -> BudgetReading {
        if boundary.now - sampleTime >= sampleInterval {
            sampleTime = boundary.now
            lastFreeBytes = readFreeBytes()
        }
        return makeReading(needed: neededBytes(at: boundary), free: lastFreeBytes)
    }

    public func admitCheckpoint(at boundary: BudgetBoundary) -> CheckpointAdmission {
        sampleTime = boundary.now
        lastFreeBytes = readFreeBytes()
        let reading = makeReading(needed: neededBytes(at: boundary), free: lastFreeBytes)
        guard reading.demandsImmediateStop else { return .admitted }
        return .rejected(reading, message: describeStop(reading))
    }

    public func describeStop(_ reading: BudgetReading) -> String {
        let free = lastFreeBytes ?? Int(reading.limit)
        let needed = Int(reading.used)
        let reserve = reserveBytes > 0 ? ", of which \(ByteSize.format(reserveBytes)) (\(reserveBytes) bytes) is the --disk-reserve" : ""
        return "not enough disk space for the next checkpoint in \(directory): \(ByteSize.format(free)) (\(free) bytes) free, \(ByteSize.format(needed)) (\(needed) bytes) needed\(reserve)"
    }

    /// Reads the free bytes, or returns `nil` after a failed read.
    private func readFreeBytes() -> Int? {
        do {
            let free = try availableBytes(directory)
            lastError = nil
            return free
        } catch {
            lastError = error
            return nil
        }
    }

    /// Without a reading of the free space the budget does not stop the
    /// run: the write itself then reports the file system's error.
    private func makeReading(needed: Int, free: Int?) -> BudgetReading {
        guard let free else {
            return BudgetReading(name: Self.name, unit: .bytes, used: 0, limit: 1, secondsLeft: nil, demandsImmediateStop: false)
        }
        return BudgetReading(name: Self.name, unit: .bytes, used: Double(needed), limit: Double(max(free, 1)),
                             secondsLeft: nil, demandsImmediateStop: needed > free)
    }
}
