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
        do {
            try writeShares(partitioned, to: sharedTemporary, step: snapshot.step)
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

    /// Opens the file on all ranks with the MPI-IO driver, writes each
    /// rank's rows of every partitioned array collectively and closes it.
    ///
    /// Every fallible step that comes before a collective call ends with an
    /// agreement (``Communicator/agreeOnFailure(_:)``), so that a rank that
    /// failed does not leave the others waiting in `H5Fopen`, `H5Dwrite` or
    /// `H5Fclose`:
    ///
    /// 1. Each rank checks that it can open the file (`open(2)`), then all agree.
    /// 2. The collective `H5Fopen`, then all agree.
    /// 3. `H5Gopen2` and, for each array, `H5Dopen2`, each followed by an
    ///    agreement before the collective `H5Dwrite`.
    /// 4. The collective `H5Fclose`, then one agreement on the row writes and
    ///    the close. A failed row write does not end the loop, because the
    ///    rank must still join the remaining collective writes and the close.
    ///
    /// After a failed agreement the ranks release the group and the file
    /// together, so the collective closes match. Every rank throws the same
    /// failure: the failing rank its own ``CheckpointError``, the others a
    /// ``RemoteRankError`` with its message.
    ///
    /// NOTE: when `H5Fopen` itself fails on some ranks only, the others
    /// still hold the file, and their `H5Fclose` is collective, so they can
    /// wait for the failed ranks. When `H5Fclose` fails on one rank,
    /// `HDF5File`'s deinitialiser calls it again there alone, which can
    /// also wait. The hooks of ``RankFaultInjection`` fail a rank before
    /// these calls or after they completed on every rank, never inside HDF5.
    private func writeShares(_ partitioned: [(name: String, array: StateArray)], to temporary: String, step: Int) throws {
        guard let mpi = communicator as? MPICommunicator else {
            preconditionFailure("a collective commit needs an MPICommunicator")
        }
        let rowsDescription = "the rows of rank \(communicator.rank) in the checkpoint of step \(step)"

        try agreeOnStep(rowsDescription) { try checkOpenable(temporary) }
        let file = try agreeOnStep(rowsDescription) { try HDF5File.open(path: temporary, mode: .readWrite, comm: mpi.comm) }

        var failure: (any Error)?
        var agreedFailure: (any Error)?
        do {
            failure = try writeRows(of: partitioned, into: file, rowsDescription: rowsDescription)
        } catch {
            agreedFailure = error
        }

        // The close is collective, so every rank calls it, also after a failure.
        do {
            try file.close()
            if RankFaultInjection.close.fails(onRank: communicator.rank) {
                throw RankFaultInjection.close.injectedError(operation: "H5Fclose", object: temporary, rank: communicator.rank)
            }
        } catch {
            failure = failure ?? CheckpointError.writing(error, path: path, what: rowsDescription)
        }
        if let agreedFailure { throw agreedFailure }
        try communicator.agreeOnFailure(failure)
    }

    /// Opens the group `state` and each partitioned array's dataset, agreeing
    /// after each open, and writes this rank's rows. Throws only failures
    /// that all ranks agreed on; returns the first failed row write of this
    /// rank, which the caller agrees on after the close.
    private func writeRows(of partitioned: [(name: String, array: StateArray)], into file: HDF5File,
                           rowsDescription: String) throws -> (any Error)? {
        let rank = communicator.rank
        let group = try agreeOnStep(rowsDescription) { try file.openGroup("state") }
        var firstError: (any Error)?
        for entry in partitioned {
            let dataset = try agreeOnStep(rowsDescription) {
                let dataset = try group.openDataset(entry.name)
                if RankFaultInjection.datasetOpen.fails(onRank: rank) {
                    throw RankFaultInjection.datasetOpen.injectedError(operation: "H5Dopen2", object: "\(file.path):/state/\(entry.name)", rank: rank)
                }
                return dataset
            }
            do {
                try entry.array.writeRows(to: dataset)
            } catch {
                firstError = firstError ?? CheckpointError.writing(error, path: path, what: rowsDescription)
            }
        }
        return firstError
    }

    /// Runs a step of this rank and makes all ranks agree on its outcome.
    /// Returns the step's result when every rank succeeded; throws on every
    /// rank when any failed, with this rank's failure as a ``CheckpointError``
    /// that names `rowsDescription`.
    private func agreeOnStep<Result>(_ rowsDescription: String, _ body: () throws -> Result) throws -> Result {
        var result: Result?
        var failure: (any Error)?
        do {
            result = try body()
        } catch {
            failure = CheckpointError.writing(error, path: path, what: rowsDescription)
        }
        try communicator.agreeOnFailure(failure)
        guard let result else {
            preconditionFailure("agreeOnFailure returned although this rank's step failed")
        }
        return result
    }

    /// Checks that this rank can open `temporary` for reading and writing
    /// (`open(2)` with `O_RDWR`, then `close(2)`). This local test comes
    /// before the collective `H5Fopen`, so a rank that cannot see the file
    /// (on a node where the file system is missing or read-only) fails alone.
    /// - Throws: ``CheckpointError`` with `errno`, or the error of
    ///   ``RankFaultInjection/open`` on the rank it names (tests only).
    private func checkOpenable(_ temporary: String) throws {
        let rank = communicator.rank
        if RankFaultInjection.open.fails(onRank: rank) {
            throw RankFaultInjection.open.injectedError(operation: "open", object: temporary, rank: rank)
        }
        let descriptor = open(temporary, O_RDWR)
        guard descriptor >= 0 else {
            throw CheckpointError.system(.ioFailure, path: temporary,
                                         detail: "rank \(rank) cannot open the temporary checkpoint file for writing; check that the checkpoint directory is shared by all nodes and writable")
        }
        _ = close(descriptor)  // Only the open was being tested.
    }

    /// Syncs the temporary file, keeps the current generation under its
    /// step name, renames the temporary file over `path`, syncs the
    /// directory and prunes old generations. Returns the file size.
    private func commitTemporary(_ temporary: String, step: Int) throws -> Int {
        do {
            try FileSystem.sync(file: temporary)
            let bytes = try FileSystem.size(temporary)
            try keepNewestAsOlderGeneration()
            CheckpointFaultInjection.reached(.beforeRename)
            try FileSystem.rename(temporary, to: path)
            CheckpointFaultInjection.reached(.afterRename)
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
