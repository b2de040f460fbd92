import PerpetualHDF5

/// Kind of an HDF5 file given on the command line, judged by its root
/// attribute `format`.
public enum StoredFileKind: Sendable, Equatable {
    /// A checkpoint generation (`perpetual-checkpoint`).
    case checkpoint
    /// A consolidated trace (`perpetual-trace`).
    case trace
    /// One trace segment (`perpetual-trace-segment`).
    case traceSegment
    /// An HDF5 file Perpetual did not write, such as a netCDF-4 file.
    case foreign

    /// Opens `path` read-only and classifies it.
    /// - Throws: ``CheckpointError`` `.notFound` when nothing is at `path`,
    ///   `.corrupt` (an input error) when it is not an HDF5 file.
    public static func identify(path: String) throws -> StoredFileKind {
        guard FileSystem.exists(path) else {
            throw CheckpointError(.notFound, path: path, detail: "no file exists at this path", isInputError: true)
        }
        do {
            let file = try HDF5File.open(path: path, mode: .readOnly)
            guard try file.hasAttribute("format") else { return .foreign }
            switch try file.stringAttribute("format") {
            case CheckpointFormat.checkpointName: return .checkpoint
            case CheckpointFormat.traceName: return .trace
            case CheckpointFormat.segmentName: return .traceSegment
            default: return .foreign
            }
        } catch {
            throw CheckpointError.reading(error, path: path, what: "the file")
        }
    }

    /// Path of the consolidated trace that belongs to the checkpoint at
    /// `checkpointPath`: `<stem>.trace.h5` beside it.
    public static func tracePath(forCheckpoint checkpointPath: String) -> String {
        CheckpointPaths(path: checkpointPath).tracePath
    }
}
