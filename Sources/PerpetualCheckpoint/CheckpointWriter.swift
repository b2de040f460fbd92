import Foundation
import PerpetualCore
import PerpetualHDF5

/// Writes one checkpoint generation into a new HDF5 file.
///
/// Layout (see `docs/checkpoint-format.md`):
/// - root attributes `format`, `format_version`, `producer`, `kernel`,
///   `step`, `total_steps`, `created`, `state_schema` (the
///   ``StateSchema/canonicalText`` of the state) and `state_schema_hash`
///   (its ``StateSchema/fingerprint``)
/// - `/configuration`: the resolved configuration JSON
/// - `/harness/`: `segments`, `compute_seconds`, `checkpoint_seconds`,
///   `elapsed_seconds`, `run_accounting` (JSON), `committed_trace_rows`, `trace_schema` (JSON) and
///   `state_entries` (JSON array of the state names in insertion order)
/// - `/state/<name>`: one dataset per state entry, `/` in names making groups
///
/// Every dataset carries an `xxh64` checksum attribute, except partitioned
/// state arrays, which carry `xxh64_rows` (see ``RowChecksum``).
struct CheckpointWriter {
    var configuration: String
    var producer: String

    /// Writes `snapshot` of a single-process job to a new file at `path`,
    /// with `committedRows` trace rows counted as committed, and closes the
    /// file. Partitioned arrays must hold all their rows.
    func write(_ snapshot: Snapshot, committedRows: Int, to path: String) throws {
        var checksums: [String: UInt64] = [:]
        for entry in snapshot.state.entries {
            guard case .array(let array) = entry.value, array.partition != nil else { continue }
            precondition(array.shape == array.globalShape,
                         "state array '\(entry.name)' holds rows \(array.globalRowRange) of \(array.globalShape[0]); a single-process checkpoint needs all rows")
            checksums[entry.name] = RowChecksum.combine(array.rowHashes)
        }
        try write(snapshot, committedRows: committedRows, to: path, rowChecksums: checksums, writesPartitionedRows: true)
    }

    /// Writes everything of `snapshot` to a new file at `path` with the POSIX
    /// driver and closes it. Partitioned arrays get datasets of their global
    /// shape with the checksums in `rowChecksums`; their rows are written
    /// only when `writesPartitionedRows` is set, else the ranks write them
    /// afterwards through the MPI-IO driver.
    func write(_ snapshot: Snapshot, committedRows: Int, to path: String,
               rowChecksums: [String: UInt64], writesPartitionedRows: Bool) throws {
        let file = try HDF5File.create(path: path)
        try writeRootAttributes(snapshot, to: file)
        try file.writeChecksummed("configuration", string: configuration)
        try writeHarness(snapshot, committedRows: committedRows, to: file)
        try writeState(snapshot.state, to: file, rowChecksums: rowChecksums, writesPartitionedRows: writesPartitionedRows)
        try writeLayout(snapshot.state.layout, to: file)
        CheckpointFaultInjection.reached(.checkpointOpen)
        try file.close()
    }

    private func writeRootAttributes(_ snapshot: Snapshot, to file: HDF5File) throws {
        try file.setAttribute("format", string: CheckpointFormat.checkpointName)
        try file.setAttribute("format_version", value: CheckpointFormat.version)
        try file.setAttribute("producer", string: producer)
        try file.setAttribute("kernel", string: snapshot.kernelName)
        try file.setAttribute("step", value: Int64(snapshot.step))
        try file.setAttribute("total_steps", value: Int64(snapshot.totalSteps))
        try file.setAttribute("created", string: Self.timestamp())
        let schema = StateSchema(describing: snapshot.state)
        try file.setAttribute(CheckpointFormat.stateSchemaAttribute, string: schema.canonicalText)
        try file.setAttribute(CheckpointFormat.stateSchemaHashAttribute, string: schema.fingerprint)
    }

    private func writeHarness(_ snapshot: Snapshot, committedRows: Int, to file: HDF5File) throws {
        let harness = try file.createGroup("harness")
        let accounting = snapshot.accounting
        try harness.writeChecksummed("segments", scalar: Int64(accounting.segments))
        try harness.writeChecksummed("compute_seconds", scalar: accounting.computeSeconds)
        try harness.writeChecksummed("checkpoint_seconds", scalar: accounting.checkpointSeconds)
        try harness.writeChecksummed("elapsed_seconds", scalar: accounting.elapsedSeconds)
        try harness.writeChecksummed(RunAccountingJSON.datasetName, string: RunAccountingJSON.encode(accounting))
        try harness.writeChecksummed("committed_trace_rows", scalar: Int64(committedRows))
        try harness.writeChecksummed("trace_schema", string: TraceSchemaJSON.encode(snapshot.traceSchema))
        try harness.writeChecksummed("state_entries", string: Self.encodeNames(snapshot.state.names))
    }

    private func writeState(_ state: KernelState, to file: HDF5File, rowChecksums: [String: UInt64],
                            writesPartitionedRows: Bool) throws {
        let group = try file.createGroup("state")
        for entry in state.entries {
            guard case .array(let array) = entry.value, array.partition != nil else {
                try group.writeChecksummed(entry.name, state: entry.value)
                continue
            }
            guard let checksum = rowChecksums[entry.name] else {
                preconditionFailure("no row checksum was computed for the partitioned state array '\(entry.name)'")
            }
            let dataset = try array.createGlobalDataset(entry.name, in: group)
            if writesPartitionedRows {
                try array.writeRows(to: dataset)
            }
            try dataset.setAttribute(CheckpointFormat.rowChecksumAttribute, value: checksum)
        }
    }

    /// Current time as ISO 8601 in UTC, to the second.
    static func timestamp() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: Date())
    }

    static func encodeNames(_ names: [String]) -> String {
        // Encoding an array of strings cannot fail.
        String(decoding: try! JSONEncoder().encode(names), as: UTF8.self)
    }
}
