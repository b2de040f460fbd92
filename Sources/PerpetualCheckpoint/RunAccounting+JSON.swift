import Foundation
import PerpetualCore

/// JSON form of the parts of a ``RunAccounting`` beyond the four scalar
/// datasets, stored as `/harness/run_accounting`: core-seconds, the
/// checkpoint count, the newest write's seconds and bytes, interruptions
/// and one record per segment. Times are seconds, epochs Unix time.
///
/// Files written before this dataset existed lack it; they load with
/// zeros and an empty history.
struct RunAccountingJSON: Codable, Equatable {
    struct Segment: Codable, Equatable {
        var startEpoch: Double
        var endEpoch: Double
        var startStep: Int
        var endStep: Int
        var computeSeconds: Double
        var checkpointSeconds: Double
        var checkpoints: Int
        var cores: Int
        /// `periodic`, `stop` or `final`; absent before the first checkpoint.
        var lastTrigger: String?
        var lostSteps: Int?
        var lostSeconds: Double?

        enum CodingKeys: String, CodingKey {
            case startEpoch = "start_epoch", endEpoch = "end_epoch", startStep = "start_step", endStep = "end_step"
            case computeSeconds = "compute_seconds", checkpointSeconds = "checkpoint_seconds", checkpoints, cores
            case lastTrigger = "last_trigger", lostSteps = "lost_steps", lostSeconds = "lost_seconds"
        }
    }

    var coreSeconds: Double
    var checkpointCount: Int
    var lastCheckpointSeconds: Double?
    var lastCheckpointBytes: Int?
    var interruptions: Int
    var segments: [Segment]

    enum CodingKeys: String, CodingKey {
        case coreSeconds = "core_seconds", checkpointCount = "checkpoint_count"
        case lastCheckpointSeconds = "last_checkpoint_seconds", lastCheckpointBytes = "last_checkpoint_bytes"
        case interruptions, segments
    }

    /// Non-finite seconds, which a clock jump could produce, as JSON strings.
    static let nonFiniteNumbers = JSONEncoder.NonConformingFloatEncodingStrategy.convertToString(
        positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")

    /// Dataset name under `/harness`.
    static let datasetName = "run_accounting"

    /// Encodes the extended fields of `accounting` with sorted keys.
    static func encode(_ accounting: RunAccounting) -> String {
        let value = RunAccountingJSON(
            coreSeconds: accounting.coreSeconds, checkpointCount: accounting.checkpointCount,
            lastCheckpointSeconds: accounting.lastCheckpointSeconds, lastCheckpointBytes: accounting.lastCheckpointBytes,
            interruptions: accounting.interruptions,
            segments: accounting.segmentHistory.map { record in
                Segment(startEpoch: record.startEpochSeconds, endEpoch: record.endEpochSeconds,
                        startStep: record.startStep, endStep: record.endStep,
                        computeSeconds: record.computeSeconds, checkpointSeconds: record.checkpointSeconds,
                        checkpoints: record.checkpoints, cores: record.cores,
                        lastTrigger: record.lastTrigger?.rawValue, lostSteps: record.lostSteps, lostSeconds: record.lostSeconds)
            })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = nonFiniteNumbers
        // Numbers (non-finite ones as strings), integers and strings only,
        // so encoding cannot fail.
        return String(decoding: try! encoder.encode(value), as: UTF8.self)
    }

    /// Decodes the stored text into the extended fields of `accounting`.
    /// - Throws: ``CheckpointError/Code/corrupt`` naming `path` when the
    ///   text is not valid accounting JSON.
    static func decode(_ text: String, into accounting: inout RunAccounting, path: String) throws {
        let stored: RunAccountingJSON
        do {
            let decoder = JSONDecoder()
            decoder.nonConformingFloatDecodingStrategy = .convertFromString(
                positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
            stored = try decoder.decode(RunAccountingJSON.self, from: Data(text.utf8))
        } catch {
            throw CheckpointError(.corrupt, path: path, detail: "harness/\(datasetName) is not valid run accounting JSON: \(error)")
        }
        var history: [SegmentRecord] = []
        for segment in stored.segments {
            var trigger: CheckpointTrigger?
            if let name = segment.lastTrigger {
                guard let known = CheckpointTrigger(rawValue: name) else {
                    throw CheckpointError(.corrupt, path: path, detail: "harness/\(datasetName) names an unknown checkpoint trigger '\(name)'")
                }
                trigger = known
            }
            history.append(SegmentRecord(
                startEpochSeconds: segment.startEpoch, endEpochSeconds: segment.endEpoch,
                startStep: segment.startStep, endStep: segment.endStep,
                computeSeconds: segment.computeSeconds, checkpointSeconds: segment.checkpointSeconds,
                checkpoints: segment.checkpoints, cores: segment.cores, lastTrigger: trigger,
                lostSteps: segment.lostSteps, lostSeconds: segment.lostSeconds))
        }
        accounting.coreSeconds = stored.coreSeconds
        accounting.checkpointCount = stored.checkpointCount
        accounting.lastCheckpointSeconds = stored.lastCheckpointSeconds
        accounting.lastCheckpointBytes = stored.lastCheckpointBytes
        accounting.interruptions = stored.interruptions
        accounting.segmentHistory = history
    }
}
