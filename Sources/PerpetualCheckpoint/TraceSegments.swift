import Foundation
import PerpetualCore
import PerpetualHDF5

/// The immutable trace segment files of one checkpoint path.
///
/// Each commit that carries trace rows first writes them to
/// `<stem>.trace.d/rows-<first>-<end>.h5`, atomically, and only then commits
/// the checkpoint that counts them. A segment file holds root attributes
/// `format` (`perpetual-trace-segment`), `format_version`, `first_row`,
/// `end_row`, and the dataset `rows` of shape `[end - first, rowLength]`
/// with an `xxh64` checksum.
struct TraceSegments {
    let paths: CheckpointPaths

    /// Writes `block` as a new segment and returns the file size in bytes.
    func write(_ block: TraceBlock, producer: String) throws -> Int {
        try FileSystem.makeDirectory(paths.segmentDirectory)
        let target = paths.segmentPath(first: block.firstRow, end: block.endRow)
        return try FileSystem.writeAtomically(target, what: "trace rows \(block.firstRow)..<\(block.endRow)",
                                              faultPoints: (.segmentBeforeRename, .segmentAfterRename)) { temporary in
            let file = try HDF5File.create(path: temporary)
            try file.setAttribute("format", string: CheckpointFormat.segmentName)
            try file.setAttribute("format_version", value: CheckpointFormat.version)
            try file.setAttribute("producer", string: producer)
            try file.setAttribute("first_row", value: Int64(block.firstRow))
            try file.setAttribute("end_row", value: Int64(block.endRow))
            try file.writeChecksummed("rows", values: block.values, shape: [block.rowCount, block.rowLength])
            try file.close()
        }
    }

    /// Row ranges of the segment files present, ordered by first row.
    func list() throws -> [Range<Int>] {
        try FileSystem.contents(of: paths.segmentDirectory)
            .compactMap(CheckpointPaths.segmentRows(fileName:))
            .sorted { ($0.lowerBound, $0.upperBound) < ($1.lowerBound, $1.upperBound) }
    }

    /// Removes segments that end beyond `committedRows` (written for a
    /// checkpoint that never committed, or for a newer generation that was
    /// skipped) and leftover temporary files, then syncs the directory.
    func removeUncommitted(committedRows: Int) throws {
        let directory = paths.segmentDirectory
        var removed = false
        for name in try FileSystem.contents(of: directory) {
            let stale: Bool
            if let rows = CheckpointPaths.segmentRows(fileName: name) {
                stale = rows.upperBound > committedRows
            } else {
                stale = CheckpointPaths.isTemporary(fileName: name, stem: "rows-")
            }
            if stale {
                try FileSystem.remove(PathNames.join(directory, name))
                removed = true
            }
        }
        if removed { try FileSystem.sync(directory: directory) }
    }

    /// Checks that the segments tile `0..<committedRows` exactly and returns them in order.
    /// - Throws: ``CheckpointError/Code/missingTraceSegment`` naming the first
    ///   row not covered, or the overlap.
    func tiling(committedRows: Int) throws -> [Range<Int>] {
        let segments = try list().filter { $0.upperBound <= committedRows }
        var next = 0
        for segment in segments {
            guard segment.lowerBound == next else {
                let detail = segment.lowerBound > next
                    ? "trace rows \(next)..<\(segment.lowerBound) have no segment file, but the checkpoint committed \(committedRows) rows"
                    : "trace segments overlap at row \(segment.lowerBound)"
                throw CheckpointError(.missingTraceSegment, path: paths.segmentDirectory, detail: detail)
            }
            next = segment.upperBound
        }
        guard next == committedRows else {
            throw CheckpointError(.missingTraceSegment, path: paths.segmentDirectory,
                                  detail: "trace rows \(next)..<\(committedRows) have no segment file, but the checkpoint committed \(committedRows) rows")
        }
        return segments
    }

    /// Reads the rows of one segment, checking its attributes and checksum.
    func read(_ rows: Range<Int>, rowLength: Int) throws -> [Double] {
        let path = paths.segmentPath(first: rows.lowerBound, end: rows.upperBound)
        do {
            let file = try HDF5File.open(path: path, mode: .readOnly)
            let format = try file.stringAttribute("format")
            let first = try file.attribute("first_row", as: Int64.self)
            let end = try file.attribute("end_row", as: Int64.self)
            guard format == CheckpointFormat.segmentName, first == rows.lowerBound, end == rows.upperBound else {
                throw CheckpointError(.corrupt, path: path,
                                      detail: "format '\(format)' rows \(first)..<\(end) do not match the file name")
            }
            let (values, shape) = try VerifiedReader(location: file, path: path).values("rows", as: Double.self)
            guard shape == [rows.count, rowLength] else {
                throw CheckpointError(.corrupt, path: path, detail: "rows have shape \(shape), expected \([rows.count, rowLength])")
            }
            return values
        } catch {
            throw CheckpointError.reading(error, path: path, what: "the trace segment")
        }
    }

    /// Removes every segment file and the segment directory.
    func removeAll() throws {
        let directory = paths.segmentDirectory
        guard FileSystem.exists(directory) else { return }
        for name in try FileSystem.contents(of: directory) {
            try FileSystem.remove(PathNames.join(directory, name))
        }
        try FileSystem.removeDirectory(directory)
        try FileSystem.sync(directory: paths.directory)
    }
}
