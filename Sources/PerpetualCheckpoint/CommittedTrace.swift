import PerpetualCore

/// The trace rows a job has committed so far, read from the segment files of
/// its newest valid checkpoint, so that a job still running (or stopped
/// with exit 75) can be inspected before its consolidated trace exists.
public struct CommittedTrace: Sendable {
    public var schema: TraceSchema
    /// Rows committed by the checkpoint: `0..<rowCount`.
    public var rowCount: Int
    /// Row-major values, `rowCount * schema.rowLength` of them.
    public var rows: [Double]
    /// Step of the checkpoint the rows belong to.
    public var step: Int
    public var totalSteps: Int
    /// Path of the generation that was read.
    public var checkpointPath: String

    /// Reads the rows committed by the newest valid generation of
    /// `checkpointPath`, checking each segment's checksum. Reads only; it
    /// never removes stale segments as a resume does.
    /// - Throws: ``CheckpointError`` from loading the generation, or
    ///   `.missingTraceSegment` / `.corrupt` when the segments do not cover
    ///   the committed rows.
    public static func read(checkpointPath: String) throws -> CommittedTrace {
        let checkpoint = try CheckpointReader.loadNewestValid(path: checkpointPath).checkpoint
        let segments = TraceSegments(paths: CheckpointPaths(path: checkpointPath))
        let rowLength = checkpoint.traceSchema.rowLength
        var rows: [Double] = []
        rows.reserveCapacity(checkpoint.committedTraceRows * rowLength)
        if checkpoint.committedTraceRows > 0 {
            for range in try segments.tiling(committedRows: checkpoint.committedTraceRows) {
                rows += try segments.read(range, rowLength: rowLength)
            }
        }
        return CommittedTrace(schema: checkpoint.traceSchema, rowCount: checkpoint.committedTraceRows, rows: rows,
                              step: checkpoint.step, totalSteps: checkpoint.totalSteps, checkpointPath: checkpoint.path)
    }
}
