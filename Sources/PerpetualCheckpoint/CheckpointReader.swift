/// Finds the checkpoint to resume from among all generations of a path.
public enum CheckpointReader {
    /// Loads the newest generation that validates, by the step stored inside
    /// each file (not by name or modification time).
    ///
    /// Considers `path` and every `<stem>.step-*.h5` beside it. A generation
    /// validates when its file reads with every checksum correct and its
    /// committed trace rows are all there: the consolidated trace contains
    /// exactly those rows, or the segment files tile them and each segment's
    /// shape and checksum are correct (every segment is read in full). A
    /// generation at `path` written by another kernel than the older
    /// generations beside it is a foreign file put in place and does not
    /// validate. Generations that fail are listed in ``ResumePoint/skipped``
    /// with the reason, in the order they were examined.
    /// - Throws: ``CheckpointError`` `.notFound` when no generation exists,
    ///   `.unsupportedFormat` when any generation has a newer format version,
    ///   because falling back past it would lose the newer program's
    ///   progress. `.ioFailure` when a file cannot be examined, for example
    ///   when HDF5 cannot lock it. The newest trace error when every
    ///   generation whose file reads lacks trace rows. `.corrupt` listing
    ///   every reason otherwise.
    public static func loadNewestValid(path: String) throws -> ResumePoint {
        let paths = CheckpointPaths(path: path)
        var candidates = try paths.olderGenerations().map(\.path)
        if FileSystem.exists(path) { candidates.insert(path, at: 0) }
        guard !candidates.isEmpty else {
            throw CheckpointError(.notFound, path: path,
                                  detail: "no checkpoint exists at this path and no older generation \(paths.stemName).step-*.h5 beside it",
                                  isInputError: true)
        }

        // Order by the step inside; a file whose header is unreadable is skipped.
        var skipped: [SkippedGeneration] = []
        var headers: [CheckpointLoader.Header] = []
        for candidate in candidates {
            do {
                headers.append(try CheckpointLoader.readHeader(path: candidate))
            } catch let error as CheckpointError where [.unsupportedFormat, .ioFailure].contains(error.code) {
                throw error
            } catch {
                skipped.append(SkippedGeneration(path: candidate, reason: "\(error)"))
            }
        }
        if let foreign = foreignNewest(headers, path: path) {
            headers.removeAll { $0.path == path }
            skipped.append(foreign)
        }
        // A stable sort keeps `path` ahead of a generation of the same step.
        let ordered = headers.enumerated().sorted { ($0.element.step, -$0.offset) > ($1.element.step, -$1.offset) }

        // Load in full, newest first, until one validates with its trace.
        var newestTraceError: CheckpointError?
        for header in ordered.map(\.element) {
            let checkpoint: LoadedCheckpoint
            do {
                checkpoint = try CheckpointLoader.load(path: header.path)
            } catch let error as CheckpointError where error.code == .ioFailure {
                throw error
            } catch {
                skipped.append(SkippedGeneration(path: header.path, reason: "\(error)"))
                continue
            }
            do {
                try verifyTrace(of: checkpoint, paths: paths)
                return ResumePoint(checkpoint: checkpoint, skipped: skipped)
            } catch let error as CheckpointError where error.code != .ioFailure {
                newestTraceError = newestTraceError ?? error
                skipped.append(SkippedGeneration(path: header.path, reason: "its committed trace rows are not intact: \(error)"))
            }
        }
        if let newestTraceError, skipped.allSatisfy({ $0.reason.hasPrefix("its committed trace rows") }) {
            throw newestTraceError
        }
        let reasons = skipped.map { "\($0.reason)" }.joined(separator: "; ")
        throw CheckpointError(.corrupt, path: path, detail: "no checkpoint generation is valid: \(reasons)")
    }

    /// Returns the generation at `path` as skipped when its kernel differs
    /// from the one kernel that all older generations name: a checkpoint of
    /// another job copied over this one.
    private static func foreignNewest(_ headers: [CheckpointLoader.Header], path: String) -> SkippedGeneration? {
        guard let newest = headers.first(where: { $0.path == path }) else { return nil }
        let olderKernels = Set(headers.filter { $0.path != path }.map(\.kernelName))
        guard olderKernels.count == 1, let jobKernel = olderKernels.first, jobKernel != newest.kernelName else { return nil }
        return SkippedGeneration(path: path, reason: "\(path): written by kernel '\(newest.kernelName)', but the older generations of this job by kernel '\(jobKernel)'; a checkpoint of another job was put in its place")
    }

    /// Checks that the trace rows `checkpoint` committed can be read back:
    /// the consolidated trace contains exactly that many rows, or the segments
    /// tile them and each reads with the schema's row length and a correct
    /// checksum.
    /// - Throws: ``CheckpointError`` `.missingTraceSegment` or `.corrupt`.
    static func verifyTrace(of checkpoint: LoadedCheckpoint, paths: CheckpointPaths) throws {
        let rows = checkpoint.committedTraceRows
        if FileSystem.exists(paths.tracePath), (try? TraceFile.read(path: paths.tracePath).rowCount) == rows {
            return
        }
        let segments = TraceSegments(paths: paths)
        let rowLength = checkpoint.traceSchema.rowLength
        for range in try segments.tiling(committedRows: rows) {
            _ = try segments.read(range, rowLength: rowLength)
        }
    }
}
