import Foundation
import PerpetualCheckpoint
import PerpetualCore

/// The newest progress of a running segment, kept in `.<stem>.progress`
/// beside the checkpoint, so that the next segment can count the steps a
/// kill lost after the last checkpoint.
///
/// Rank 0 rewrites it at every progress event (every `--progress-interval`
/// seconds) with one line `segment=N step=S epoch=T`, through a temporary
/// file and a rename, without `fsync`. The steps it reports are therefore a
/// lower bound of the lost work: up to one progress interval, and all of it
/// when the node crashed before the page cache reached the disk.
struct ProgressMarker: Sendable {
    /// Path of the marker file.
    var path: String

    /// The values of one marker line.
    struct Entry: Equatable {
        var segment: Int
        var step: Int
        var epochSeconds: Double
    }

    init(checkpointPath: String) {
        let name = PathNames.lastComponent(of: checkpointPath)
        let stem = name.hasSuffix(".h5") ? String(name.dropLast(3)) : name
        path = PathNames.join(PathNames.directory(of: checkpointPath), ".\(stem).progress")
    }

    /// Writes `entry`; a failure only costs the lost-work figure, so it
    /// returns the error instead of throwing.
    func write(_ entry: Entry) -> (any Error)? {
        let text = "segment=\(entry.segment) step=\(entry.step) epoch=\(entry.epochSeconds)\n"
        do {
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            return nil
        } catch {
            return error
        }
    }

    /// Returns the stored entry, or `nil` when the file is missing or unreadable.
    func read() -> Entry? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        var fields: [String: String] = [:]
        for pair in text.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
            let parts = pair.split(separator: "=", maxSplits: 1)
            if parts.count == 2 { fields[String(parts[0])] = String(parts[1]) }
        }
        guard let segment = fields["segment"].flatMap({ Int($0) }), let step = fields["step"].flatMap({ Int($0) }),
              let epoch = fields["epoch"].flatMap({ Double($0) }) else { return nil }
        return Entry(segment: segment, step: step, epochSeconds: epoch)
    }

    /// Removes the marker of an earlier job at the same path.
    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Returns `accounting` with the lost work of its last segment filled in
    /// from the marker, when that segment ended after a periodic checkpoint
    /// (it was killed) and the marker is from that segment.
    func fillLostWork(_ accounting: RunAccounting, checkpointStep: Int) -> RunAccounting {
        var result = accounting
        guard let index = result.segmentHistory.indices.last,
              result.segmentHistory[index].lastTrigger == .periodic,
              let entry = read(), entry.segment == result.segments else { return result }
        let record = result.segmentHistory[index]
        result.segmentHistory[index].lostSteps = max(0, entry.step - checkpointStep)
        result.segmentHistory[index].lostSeconds = max(0, entry.epochSeconds - record.endEpochSeconds)
        return result
    }
}
