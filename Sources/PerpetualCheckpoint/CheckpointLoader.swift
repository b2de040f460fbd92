import Foundation
import PerpetualCore
import PerpetualHDF5

/// Reads and validates one checkpoint generation.
enum CheckpointLoader {
    /// Root attributes of a generation, enough to order generations by step.
    struct Header: Sendable {
        var path: String
        var formatVersion: Int
        var producer: String
        var kernelName: String
        var step: Int
        var totalSteps: Int
        var created: String
    }

    /// Opens the file and checks its format name and version.
    /// - Throws: ``CheckpointError`` `.notFound` when no file exists,
    ///   `.corrupt` for an empty, unreadable or foreign file,
    ///   `.unsupportedFormat` for a newer format version.
    static func readHeader(path: String) throws -> Header {
        let (file, header) = try openChecked(path: path)
        withExtendedLifetime(file) {}
        return header
    }

    /// Reads the whole generation and verifies every checksum and every
    /// expected group and dataset.
    ///
    /// Partitioned state arrays come back as the ``BlockPartition`` share of
    /// rank `rank` of `size`, all rows for one rank. With more than one rank
    /// their checksums are not verified here: the row hashes go to
    /// `rowHashes` for the ranks to check together.
    static func load(path: String, rank: Int = 0, size: Int = 1, rowHashes: RowHashCollector? = nil) throws -> LoadedCheckpoint {
        let (file, header) = try openChecked(path: path)
        let reader = VerifiedReader(location: file, path: path)
        let configuration = try reader.string("configuration")
        let harness = try openGroup("harness", in: file, path: path)
        let harnessReader = VerifiedReader(location: harness, path: path)
        let schema = try TraceSchemaJSON.decode(try harnessReader.string("trace_schema"), path: path)
        let committedRows = try harnessReader.scalar("committed_trace_rows", as: Int64.self)
        var accounting = RunAccounting(
            segments: Int(try harnessReader.scalar("segments", as: Int64.self)),
            computeSeconds: try harnessReader.scalar("compute_seconds", as: Double.self),
            checkpointSeconds: try harnessReader.scalar("checkpoint_seconds", as: Double.self),
            elapsedSeconds: try harnessReader.scalar("elapsed_seconds", as: Double.self))
        if try harness.contains(RunAccountingJSON.datasetName) {
            try RunAccountingJSON.decode(try harnessReader.string(RunAccountingJSON.datasetName), into: &accounting, path: path)
        }
        let names = try decodeNames(try harnessReader.string("state_entries"), path: path)
        let state = try readState(names: names, file: file, path: path, rank: rank, size: size, rowHashes: rowHashes)

        try checkStateSchema(of: state, in: file, path: path)
        guard committedRows >= 0 else {
            throw CheckpointError(.corrupt, path: path, detail: "committed_trace_rows is negative (\(committedRows))")
        }
        try validate(accounting, path: path)
        return LoadedCheckpoint(
            path: path, formatVersion: header.formatVersion, kernelName: header.kernelName,
            configuration: configuration, step: header.step, totalSteps: header.totalSteps,
            state: state, traceSchema: schema, committedTraceRows: Int(committedRows),
            accounting: accounting, producer: header.producer, created: header.created)
    }

    /// Compares the stored `state_schema_hash` with the schema of the state
    /// read back. Files written before the attribute existed pass unchecked.
    /// - Throws: ``CheckpointError`` `.corrupt` when they differ.
    private static func checkStateSchema(of state: KernelState, in file: HDF5File, path: String) throws {
        guard try file.hasAttribute(CheckpointFormat.stateSchemaHashAttribute) else { return }
        let stored = try file.stringAttribute(CheckpointFormat.stateSchemaHashAttribute)
        let found = StateSchema(describing: state)
        guard stored == found.fingerprint else {
            throw CheckpointError(.corrupt, path: path,
                                  detail: "the stored state schema hash \(stored) does not match the state entries read back (\(found))")
        }
    }

    /// Rejects accounting that no run can produce: a negative segment
    /// count, or seconds that are negative, NaN or infinite. Job scripts
    /// compute signal leads and budgets from these values.
    private static func validate(_ accounting: RunAccounting, path: String) throws {
        guard accounting.segments >= 0 else {
            throw CheckpointError(.corrupt, path: path, detail: "harness/segments is negative (\(accounting.segments))")
        }
        let seconds = [("compute_seconds", accounting.computeSeconds), ("checkpoint_seconds", accounting.checkpointSeconds),
                       ("elapsed_seconds", accounting.elapsedSeconds)]
        for (name, value) in seconds where !(value.isFinite && value >= 0) {
            throw CheckpointError(.corrupt, path: path, detail: "harness/\(name) is \(value), expected a finite number ≥ 0")
        }
    }

    private static func openChecked(path: String) throws -> (HDF5File, Header) {
        guard FileSystem.exists(path) else {
            throw CheckpointError(.notFound, path: path, detail: "no checkpoint file exists at this path", isInputError: true)
        }
        if try FileSystem.size(path) == 0 {
            throw CheckpointError(.corrupt, path: path, detail: "the file is empty (0 bytes)")
        }
        do {
            let file = try HDF5File.open(path: path, mode: .readOnly)
            return (file, try readHeader(of: file, path: path))
        } catch {
            throw CheckpointError.reading(error, path: path, what: "the file as HDF5")
        }
    }

    private static func readHeader(of file: HDF5File, path: String) throws -> Header {
        guard try file.hasAttribute("format") else {
            throw CheckpointError(.corrupt, path: path, detail: "no 'format' attribute: not a Perpetual checkpoint")
        }
        let format = try file.stringAttribute("format")
        guard format == CheckpointFormat.checkpointName else {
            throw CheckpointError(.corrupt, path: path,
                                  detail: "the format is '\(format)', expected '\(CheckpointFormat.checkpointName)'")
        }
        let version = try file.attribute("format_version", as: Int64.self)
        guard version <= CheckpointFormat.version else {
            throw CheckpointError(.unsupportedFormat, path: path,
                                  detail: "written in checkpoint format version \(version), but this build reads only up to version \(CheckpointFormat.version); resume with the newer program that wrote it")
        }
        guard version >= 1 else {
            throw CheckpointError(.corrupt, path: path, detail: "invalid checkpoint format version \(version)")
        }
        let step = try file.attribute("step", as: Int64.self)
        let totalSteps = try file.attribute("total_steps", as: Int64.self)
        guard step >= 0, totalSteps >= 0 else {
            throw CheckpointError(.corrupt, path: path, detail: "invalid step \(step) of \(totalSteps)")
        }
        return Header(path: path, formatVersion: Int(version), producer: try file.stringAttribute("producer"),
                      kernelName: try file.stringAttribute("kernel"), step: Int(step), totalSteps: Int(totalSteps),
                      created: try file.stringAttribute("created"))
    }

    private static func openGroup(_ name: String, in file: HDF5File, path: String) throws -> HDF5Group {
        do {
            guard try file.contains(name), try file.memberKind(name) == .group else {
                throw CheckpointError(.corrupt, path: path, detail: "the group '/\(name)' is missing")
            }
            return try file.openGroup(name)
        } catch {
            throw CheckpointError.reading(error, path: path, what: "the group '/\(name)'")
        }
    }

    private static func readState(names: [String], file: HDF5File, path: String,
                                  rank: Int, size: Int, rowHashes: RowHashCollector?) throws -> KernelState {
        let group = try openGroup("state", in: file, path: path)
        let reader = VerifiedReader(location: group, path: path, rank: rank, size: size, rowHashes: rowHashes)
        var state = KernelState()
        for name in names {
            state[name] = try reader.stateValue(name)
        }
        return state
    }

    private static func decodeNames(_ text: String, path: String) throws -> [String] {
        guard let names = try? JSONDecoder().decode([String].self, from: Data(text.utf8)) else {
            throw CheckpointError(.corrupt, path: path, detail: "harness/state_entries is not a JSON array of names")
        }
        guard Set(names).count == names.count else {
            throw CheckpointError(.corrupt, path: path, detail: "harness/state_entries lists a name twice")
        }
        return names
    }
}
