import Foundation
import PerpetualCoordination
import PerpetualCore

/// Writes a job's checkpoints as HDF5 generations beside the path the user
/// gave, and the job's trace as immutable segment files.
///
/// Call order: ``prepareFreshRun()`` or ``prepareResume()`` once, then
/// ``commit(_:)`` at each checkpoint, then ``finalizeTrace()`` when the work
/// is complete. File names are described in `docs/checkpoint-format.md`.
///
/// With a communicator of more than one rank every method is collective:
/// all ranks call it with their own share of the state, rank 0 alone
/// touches trace files, renames and removals, and the ranks write the
/// partitioned arrays together through the MPI-IO driver (see
/// `CheckpointStore+Collective.swift`). A failure on any rank is thrown on
/// every rank.
///
/// A commit survives `kill -9` at any point: files are written under a
/// temporary name, synced and renamed, so `path` always contains a complete
/// generation, older generations are extra names of earlier files, and a
/// trace segment is committed before the checkpoint that counts its rows.
public final class CheckpointStore: CheckpointSink {
    /// The newest generation's path, as given.
    public let path: String
    /// Generations kept, counting the newest.
    public let keepGenerations: Int
    /// The resolved configuration JSON stored in every generation.
    public let configuration: String
    /// Name and version of the writing program, stored in every file.
    public let producer: String
    /// The ranks that write each checkpoint together.
    public let communicator: any Communicator

    let paths: CheckpointPaths
    var segments: TraceSegments { TraceSegments(paths: paths) }

    /// Trace rows committed so far; nil until a prepare call.
    var committedRows: Int?
    /// Step of the generation at `path`, when it is known to be valid.
    var newestStep: Int?
    /// Schema of the committed trace, from the last commit or the resumed checkpoint.
    var traceSchema: TraceSchema?

    /// Creates a store for `path` (for example `run/ckpt.h5`). Touches no files.
    ///
    /// Traps when `communicator` has more than one rank but is not the MPI
    /// communicator, because parallel HDF5 needs MPI.
    /// - Throws: ``CheckpointError/Code/notFound`` when `path` is empty or
    ///   names a directory.
    public init(path: String, keepGenerations: Int = 2, configuration: String, producer: String,
                communicator: any Communicator = SingleProcessCommunicator()) throws {
        precondition(keepGenerations >= 1, "keepGenerations must be at least 1 (the newest generation), got \(keepGenerations)")
        precondition(communicator.size == 1 || communicator is MPICommunicator,
                     "a CheckpointStore for \(communicator.size) ranks needs an MPICommunicator from MPIEnvironment.start(environment:)")
        self.communicator = communicator
        if FileSystem.isDirectory(path) {
            throw CheckpointError(.notFound, path: path,
                                  detail: "is a directory, but the checkpoint path must name a file; move the directory away or choose another path")
        }
        guard !path.isEmpty, !path.hasSuffix("/") else {
            throw CheckpointError(.notFound, path: path, detail: "the checkpoint path must name a file, for example run/ckpt.h5")
        }
        self.path = path
        self.keepGenerations = keepGenerations
        self.configuration = configuration
        self.producer = producer
        self.paths = CheckpointPaths(path: path)
    }

    /// Path of the consolidated trace file, `<stem>.trace.h5`.
    public var tracePath: String { paths.tracePath }

    // MARK: Starting

    /// Prepares the first segment of a new job.
    /// - Throws: ``CheckpointError`` `.notFound` when the directory is
    ///   missing, `.notWritable` when a probe file cannot be created in it,
    ///   `.alreadyExists` when a checkpoint, an older generation, trace
    ///   segments or a trace file of this path exist (a fresh run must not
    ///   overwrite them; resume instead, or remove them). Trace segments
    ///   and temporary files without any generation or trace file are the
    ///   leftovers of a run killed in its first commit and are removed.
    public func prepareFreshRun() throws {
        try communicator.onRoot(checkFreshRun)
        committedRows = 0
        newestStep = nil
        traceSchema = nil
    }

    private func checkFreshRun() throws {
        try checkDirectoryIsWritable()
        try removeLeftoversOfUncommittedRun()
        let existing = ([path, paths.tracePath].filter(FileSystem.exists)
            + (try paths.olderGenerations().map(\.path))
            + (try segments.list().isEmpty ? [] : [paths.segmentDirectory]))
        if let first = existing.first {
            throw CheckpointError(.alreadyExists, path: first,
                                  detail: "a checkpoint of an earlier run exists; resume it, or remove \(existing.joined(separator: ", ")) to start over")
        }
    }

    /// Finds the newest valid generation, removes leftover temporary files
    /// and the trace segments beyond the rows it committed, and checks that
    /// the remaining segments cover those rows. Older generations that fail
    /// validation are renamed to `<name>.invalid`.
    /// - Returns: nil when no generation exists at all.
    /// - Throws: ``CheckpointError`` as ``CheckpointReader/loadNewestValid(path:)``
    ///   does, and `.missingTraceSegment` when committed rows lack a segment.
    public func prepareResume() throws -> ResumePoint? {
        // Rank 0 looks for generations and broadcasts whether it found any.
        var found = [0.0]
        try communicator.onRoot {
            if try FileSystem.exists(path) || !paths.olderGenerations().isEmpty {
                found[0] = 1
            } else {
                try removeTemporaryFiles()
            }
        }
        try communicator.allreduceMaximum(&found)
        guard found[0] > 0 else { return nil }

        let resume = try CheckpointReader.loadNewestValid(path: path, communicator: communicator)
        try prepareResume(from: resume)
        return resume
    }

    /// Prepares to continue from `resume`, which the caller loaded with
    /// ``CheckpointReader/loadNewestValid(path:)`` for this store's path, so
    /// that the state is read only once. Does the same clean-up and checks as
    /// ``prepareResume()``.
    public func prepareResume(from resume: ResumePoint) throws {
        let checkpoint = resume.checkpoint
        try communicator.onRoot {
            try removeTemporaryFiles()
            try setAsideInvalidGenerations(resume.skipped)
            try segments.removeUncommitted(committedRows: checkpoint.committedTraceRows)
            if try !traceIsConsolidated(rows: checkpoint.committedTraceRows) {
                _ = try segments.tiling(committedRows: checkpoint.committedTraceRows)
            }
        }
        committedRows = checkpoint.committedTraceRows
        newestStep = checkpoint.path == path ? checkpoint.step : nil
        traceSchema = checkpoint.traceSchema
    }

    // MARK: Committing

    /// Commits `snapshot`: its pending trace rows as a new segment, then the
    /// state as the newest generation, keeping the previous newest as an
    /// older generation and removing generations beyond ``keepGenerations``.
    ///
    /// Traps when called before a prepare call, or when the pending rows do
    /// not start at the committed row count. On failure the previous
    /// generation at `path` is unchanged, and the temporary file is removed.
    /// - Throws: ``CheckpointError/Code/ioFailure`` with the path and `errno`
    ///   or HDF5 message.
    public func commit(_ snapshot: Snapshot) throws -> CheckpointReceipt {
        guard let committedRows else {
            preconditionFailure("CheckpointStore.commit(_:) was called before prepareFreshRun() or prepareResume()")
        }
        let pending = snapshot.pendingTrace
        let rowLength = snapshot.traceSchema.rowLength(rank: communicator.rank, size: communicator.size)
        precondition(pending.firstRow == committedRows,
                     "pending trace starts at row \(pending.firstRow), but \(committedRows) rows are committed")
        precondition(pending.rowLength == rowLength,
                     "pending trace rows have \(pending.rowLength) values, the schema needs \(rowLength) on rank \(communicator.rank) of \(communicator.size)")
        if communicator.size > 1 {
            return try commitCollectively(snapshot)
        }
        let start = Date()

        var traceBytes = 0
        if pending.rowCount > 0 {
            traceBytes = try segments.write(pending, producer: producer)
        }
        var bytes = traceBytes
        let writer = CheckpointWriter(configuration: configuration, producer: producer)
        bytes += try FileSystem.writeAtomically(path, what: "checkpoint of step \(snapshot.step)", beforeRename: keepNewestAsOlderGeneration,
                                                faultPoints: (.beforeRename, .afterRename)) { temporary in
            try writer.write(snapshot, committedRows: pending.endRow, to: temporary)
        }
        self.committedRows = pending.endRow
        newestStep = snapshot.step
        traceSchema = snapshot.traceSchema
        try pruneGenerations()

        return CheckpointReceipt(location: path, bytes: bytes, traceBytes: traceBytes,
                                 seconds: Date().timeIntervalSince(start))
    }

    /// Gives the generation at `path` a second name, `<stem>.step-<step>.h5`,
    /// so it survives the rename of the new generation over `path`.
    func keepNewestAsOlderGeneration() throws {
        guard keepGenerations > 1, let newestStep, FileSystem.exists(path) else { return }
        try FileSystem.linkOrCopy(path, to: paths.generationPath(step: newestStep))
    }

    func pruneGenerations() throws {
        let older = try paths.olderGenerations()
        let excess = older.dropFirst(keepGenerations - 1)
        for generation in excess {
            try FileSystem.remove(generation.path)
        }
        if !excess.isEmpty { try FileSystem.sync(directory: paths.directory) }
    }

    // MARK: Finishing

    /// Writes the consolidated trace file with exactly the committed rows,
    /// then removes the segments. Calling it again after success returns the
    /// same path without rewriting.
    /// - Returns: ``tracePath``.
    /// - Throws: ``CheckpointError`` `.missingTraceSegment`, `.corrupt` for a
    ///   segment that fails its checksum, `.ioFailure` for a failed write.
    public func finalizeTrace() throws -> String {
        guard let committedRows, let traceSchema else {
            preconditionFailure("CheckpointStore.finalizeTrace() was called before a commit or a resume")
        }
        try communicator.onRoot {
            try consolidateTrace(committedRows: committedRows, traceSchema: traceSchema)
        }
        return tracePath
    }

    private func consolidateTrace(committedRows: Int, traceSchema: TraceSchema) throws {
        if try traceIsConsolidated(rows: committedRows) {
            try segments.removeAll()
            return
        }

        // NOTE: all committed rows are held in memory at once, which bounds
        // the trace size by the memory of the node.
        let rowLength = traceSchema.rowLength
        var rows: [Double] = []
        rows.reserveCapacity(committedRows * rowLength)
        for segment in try segments.tiling(committedRows: committedRows) {
            rows.append(contentsOf: try segments.read(segment, rowLength: rowLength))
        }
        let writer = TraceFileWriter(schema: traceSchema, producer: producer)
        try FileSystem.writeAtomically(tracePath, what: "the consolidated trace", faultPoints: (.traceBeforeRename, nil)) { temporary in
            try writer.write(rows: rows, rowCount: committedRows, to: temporary)
        }
        try segments.removeAll()
    }

    // MARK: Helpers

    /// Whether the consolidated trace file exists and contains exactly `rows` rows.
    private func traceIsConsolidated(rows: Int) throws -> Bool {
        guard FileSystem.exists(tracePath) else { return false }
        return try TraceFile.read(path: tracePath).rowCount == rows
    }

    private func checkDirectoryIsWritable() throws {
        let directory = paths.directory
        guard FileSystem.isDirectory(directory) else {
            throw CheckpointError(.notFound, path: directory, detail: "the checkpoint directory does not exist or is not a directory; create it first")
        }
        // A probe file, because access(2) ignores read-only mounts' semantics for root.
        let probe = CheckpointPaths.temporaryPath(for: PathNames.join(directory, ".\(paths.stemName).probe"))
        let descriptor = open(probe, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else {
            throw CheckpointError.system(.notWritable, path: directory, detail: "cannot create files in the checkpoint directory; choose a writable directory")
        }
        guard close(descriptor) == 0 else {
            throw CheckpointError.system(.notWritable, path: directory, detail: "cannot close a probe file in the checkpoint directory")
        }
        try FileSystem.remove(probe)
    }

    /// Removes the trace segments and temporary files of a run killed
    /// during its first commit. With no generation and no consolidated trace
    /// present, no checkpoint counts those rows. A resume is then impossible,
    /// and a fresh run would otherwise refuse to start.
    private func removeLeftoversOfUncommittedRun() throws {
        guard !FileSystem.exists(path), !FileSystem.exists(paths.tracePath), try paths.olderGenerations().isEmpty else { return }
        try removeTemporaryFiles()
        try segments.removeUncommitted(committedRows: 0)
        if try segments.list().isEmpty, FileSystem.isDirectory(paths.segmentDirectory),
           try FileSystem.contents(of: paths.segmentDirectory).isEmpty {
            try FileSystem.removeDirectory(paths.segmentDirectory)
        }
    }

    /// Removes temporary files that a killed writer of this path left behind.
    private func removeTemporaryFiles() throws {
        let places = [(paths.directory, paths.stemName), (paths.segmentDirectory, "rows")]
        for (directory, stem) in places {
            for file in try FileSystem.contents(of: directory) where CheckpointPaths.isTemporary(fileName: file, stem: stem) {
                try FileSystem.remove(PathNames.join(directory, file))
            }
        }
    }

    /// Renames older generations that failed validation to `<name>.invalid`,
    /// so that pruning, which orders generations by name, never keeps one of
    /// them in place of a valid generation. The files stay for inspection.
    private func setAsideInvalidGenerations(_ skipped: [SkippedGeneration]) throws {
        for generation in skipped where generation.path != path {
            try FileSystem.rename(generation.path, to: generation.path + ".invalid")
        }
        if skipped.contains(where: { $0.path != path }) { try FileSystem.sync(directory: paths.directory) }
    }
}
