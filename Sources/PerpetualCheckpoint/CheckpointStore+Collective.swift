import Foundation
import PerpetualCoordination
import PerpetualCore
import PerpetualHDF5

/// The commit of a checkpoint by all ranks of an MPI job into one file.
///
/// 1. The ranks send their pending trace rows to rank 0, which assembles
///    whole rows (``TraceSchema/assembleRows(_:rowCount:)``) and commits
///    them as a trace segment, exactly as a single process would.
/// 2. The ranks send the row hashes of their shares of each partitioned
///    state array to rank 0, which combines them into the arrays' checksums.
/// 3. Rank 0 writes the temporary file with the POSIX driver: attributes,
///    configuration, harness records, replicated state, and the partitioned
///    arrays as preallocated datasets of their global shape, without data.
/// 4. All ranks open that file with the MPI-IO driver and write their rows
///    of each partitioned array with collective transfers, ranks with no
///    rows included, then close it.
/// 5. Rank 0 syncs the file, keeps the previous generation, renames the new
///    one over `path` and syncs the directory.
///
/// After each phase the ranks agree on the outcome, so a failure on any rank
/// (a write error, a full disk on rank 0) is thrown on every rank, the
/// temporary file is removed, and the previous generation stays in place.
/// The agreement after the rename is also the barrier that keeps every rank
/// from going on before the new generation is committed.
extension CheckpointStore {
    func commitCollectively(_ snapshot: Snapshot) throws -> CheckpointReceipt {
        let start = Date()
        let pending = snapshot.pendingTrace
        let partitioned = snapshot.state.entries.compactMap { entry -> (name: String, array: StateArray)? in
            guard case .array(let array) = entry.value, array.partition != nil else { return nil }
            return (entry.name, array)
        }

        // Phases 1 and 2: rows and row hashes go to rank 0.
        let rows = try communicator.gather(Self.bytes(of: pending.values), root: 0)
        let hashes = try communicator.gather(RowHashShare.encode(partitioned.map { RowHashShare($0.array) }), root: 0)

        // Phase 3: rank 0 writes the segment and the file without the partitioned rows.
        var bytes = 0
        var traceBytes = 0
        let temporary = CheckpointPaths.temporaryPath(for: path)
        try communicator.onRoot {
            guard let rows, let hashes else { return }
            traceBytes = try writeSegment(rows, pending: pending, schema: snapshot.traceSchema)
            bytes += traceBytes
            let checksums = try combineRowHashes(hashes, names: partitioned.map(\.name))
            try FileSystem.remove(temporary)
            let writer = CheckpointWriter(configuration: configuration, producer: producer)
            do {
                try writer.write(snapshot, committedRows: pending.endRow, to: temporary,
                                 rowChecksums: checksums, writesPartitionedRows: false)
            } catch {
                try? FileSystem.remove(temporary)
                throw CheckpointError.writing(error, path: path, what: "checkpoint of step \(snapshot.step)")
            }
        }

        // Phase 4: all ranks write their rows. The temporary name contains
        // rank 0's process id, so rank 0 broadcasts it.
        let sharedTemporary = String(decoding: try communicator.broadcast(Array(temporary.utf8), root: 0), as: UTF8.self)
        var failure: (any Error)?
        do {
            try writeShares(partitioned, to: sharedTemporary)
        } catch {
            failure = CheckpointError.writing(error, path: path, what: "the rows of rank \(communicator.rank) in the checkpoint of step \(snapshot.step)")
        }
        do {
            try communicator.agreeOnFailure(failure)
        } catch {
            if communicator.isRoot { try? FileSystem.remove(sharedTemporary) }
            throw error
        }

        // Phase 5: rank 0 commits the file.
        try communicator.onRoot {
            bytes += try commitTemporary(sharedTemporary, step: snapshot.step)
        }
        committedRows = pending.endRow
        newestStep = snapshot.step
        traceSchema = snapshot.traceSchema

        let sizes = Self.doubles(from: try communicator.broadcast(Self.bytes(of: [Double(bytes), Double(traceBytes)]), root: 0))
        return CheckpointReceipt(location: path, bytes: Int(sizes.first ?? 0), traceBytes: Int(sizes.last ?? 0),
                                 seconds: Date().timeIntervalSince(start))
    }

    /// Assembles whole trace rows from every rank's rows and commits them
    /// as a segment; returns its size in bytes, 0 when there are no rows.
    private func writeSegment(_ gathered: [[UInt8]], pending: TraceBlock, schema: TraceSchema) throws -> Int {
        guard pending.rowCount > 0 else { return 0 }
        let blocks = gathered.map(Self.doubles(from:))
        let rows = schema.assembleRows(blocks, rowCount: pending.rowCount)
        let block = TraceBlock(firstRow: pending.firstRow, rowLength: schema.rowLength, values: rows)
        return try segments.write(block, producer: producer)
    }

    /// Combines the gathered row hashes into one checksum per partitioned array.
    private func combineRowHashes(_ gathered: [[UInt8]], names: [String]) throws -> [String: UInt64] {
        let decoded = gathered.compactMap(RowHashShare.decode)
        precondition(decoded.count == gathered.count, "a rank sent row hashes that do not decode")
        switch RowHashShare.checksums(from: decoded, arrayCount: names.count) {
        case .failure(let mismatch):
            let name = mismatch.arrayIndex.map { names[$0] } ?? "?"
            preconditionFailure("the ranks' shares of state array '\(name)' do not tile its rows: \(mismatch.detail); partition it with BlockPartition")
        case .success(let checksums):
            return Dictionary(uniqueKeysWithValues: zip(names, checksums))
        }
    }

    /// Opens the file on all ranks with the MPI-IO driver and writes each
    /// rank's rows of every partitioned array collectively.
    ///
    /// A failed row write does not end the loop: the rank still joins the
    /// remaining collective writes and the close, so that no rank waits for
    /// it, and the first error is thrown afterwards.
    ///
    /// NOTE: a failure of the collective open, `H5Dopen2` or close on some
    /// ranks only still leaves the others waiting; only row writes are
    /// tested to fail on one rank (`PERPETUAL_TEST_FAIL_WRITE_ON_RANK`).
    private func writeShares(_ partitioned: [(name: String, array: StateArray)], to temporary: String) throws {
        guard let mpi = communicator as? MPICommunicator else {
            preconditionFailure("a collective commit needs an MPICommunicator")
        }
        let file = try HDF5File.open(path: temporary, mode: .readWrite, comm: mpi.comm)
        var firstError: (any Error)?
        do {
            let group = try file.openGroup("state")
            for entry in partitioned {
                let dataset = try group.openDataset(entry.name)
                do {
                    try entry.array.writeRows(to: dataset)
                } catch {
                    firstError = firstError ?? error
                }
            }
        }
        try file.close()
        if let firstError { throw firstError }
    }

    /// Syncs the temporary file, keeps the current generation under its
    /// step name, renames the temporary file over `path`, syncs the
    /// directory and prunes old generations. Returns the file size.
    private func commitTemporary(_ temporary: String, step: Int) throws -> Int {
        do {
            try FileSystem.sync(file: temporary)
            let bytes = try FileSystem.size(temporary)
            try keepNewestAsOlderGeneration()
            try FileSystem.rename(temporary, to: path)
            try FileSystem.sync(directory: paths.directory)
            try pruneGenerations()
            return bytes
        } catch {
            try? FileSystem.remove(temporary)
            throw CheckpointError.writing(error, path: path, what: "checkpoint of step \(step)")
        }
    }

    static func bytes(of values: [Double]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(values.count * 8)
        for value in values {
            withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
        }
        return bytes
    }

    static func doubles(from bytes: [UInt8]) -> [Double] {
        bytes.withUnsafeBytes { raw in
            (0..<(bytes.count / 8)).map { Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self))) }
        }
    }
}
