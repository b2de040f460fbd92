import Foundation
import Testing
import PerpetualCheckpoint
import PerpetualCore

@Suite("Trace segments and consolidation")
struct TraceTests {
    @Test("each commit adds one segment that tiles the rows")
    func segmentsTile() throws {
        let directory = try TemporaryDirectory("tile")
        defer { directory.remove() }
        let store = try Fixtures.store(directory)
        try store.prepareFreshRun()
        _ = try store.commit(Fixtures.snapshot(step: 10, firstRow: 0, endRow: 3))
        _ = try store.commit(Fixtures.snapshot(step: 20, firstRow: 3, endRow: 3))
        _ = try store.commit(Fixtures.snapshot(step: 30, firstRow: 3, endRow: 7))

        #expect(try directory.names(in: "ckpt.trace.d") == [
            "rows-000000000000-000000000003.h5",
            "rows-000000000003-000000000007.h5",
        ])
        #expect(try CheckpointReader.loadNewestValid(path: store.path).checkpoint.committedTraceRows == 7)
    }

    @Test("resume removes segments beyond the committed rows")
    func staleSegmentsRemoved() throws {
        let directory = try TemporaryDirectory("stale")
        defer { directory.remove() }
        do {
            let store = try Fixtures.store(directory)
            try store.prepareFreshRun()
            try Fixtures.commit(store, steps: [10, 20, 30], rowsPerStep: 3)
        }
        // The newest generation is lost, as if the disk damaged it.
        try CorruptFile.truncate(directory.path("ckpt.h5"), to: 0)

        let store = try Fixtures.store(directory)
        let resume = try #require(try store.prepareResume())

        #expect(resume.checkpoint.step == 20)
        #expect(resume.checkpoint.committedTraceRows == 6)
        #expect(try directory.names(in: "ckpt.trace.d") == [
            "rows-000000000000-000000000003.h5",
            "rows-000000000003-000000000006.h5",
        ])
    }

    @Test("a missing segment stops the resume")
    func gapIsReported() throws {
        let directory = try TemporaryDirectory("gap")
        defer { directory.remove() }
        do {
            let store = try Fixtures.store(directory)
            try store.prepareFreshRun()
            try Fixtures.commit(store, steps: [10, 20, 30], rowsPerStep: 3)
        }
        try FileManager.default.removeItem(atPath: directory.path("ckpt.trace.d/rows-000000000003-000000000006.h5"))

        let store = try Fixtures.store(directory)
        #expect {
            _ = try store.prepareResume()
        } throws: { error in
            let error = try #require(error as? CheckpointError)
            return error.code == .missingTraceSegment && error.isInputError
                && error.detail.hasPrefix("trace rows 3..<6 have no segment file")
        }
    }

    @Test("finalized trace holds exactly the committed rows")
    func finalizedTraceRows() throws {
        let directory = try TemporaryDirectory("finalize")
        defer { directory.remove() }
        do {
            let store = try Fixtures.store(directory)
            try store.prepareFreshRun()
            try Fixtures.commit(store, steps: [10, 20, 30], rowsPerStep: 3)
        }
        try CorruptFile.truncate(directory.path("ckpt.h5"), to: 0)
        let store = try Fixtures.store(directory)
        let resume = try #require(try store.prepareResume())
        _ = try store.commit(Fixtures.snapshot(step: 100, firstRow: resume.checkpoint.committedTraceRows, endRow: 8))

        let path = try store.finalizeTrace()
        let trace = try TraceFile.read(path: path)
        let rows = 8

        #expect(path == directory.path("ckpt.trace.h5"))
        #expect(trace.rowCount == rows)
        #expect(trace.schema == Fixtures.schema)
        #expect(trace.shape(of: "mu") == [2, rows])
        #expect(trace.shape(of: "theta") == [2, rows, 3])
        #expect(trace.shape(of: "lp") == [rows])
        #expect(trace.shape(of: "corner") == [rows, 2])
        #expect(trace.values(of: "mu") == Self.expected(chainFirst: true, offset: 0, width: 2, rows: rows))
        #expect(trace.values(of: "theta") == Self.expected(chainFirst: true, offset: 2, width: 6, rows: rows))
        #expect(trace.values(of: "lp") == Self.expected(chainFirst: false, offset: 8, width: 1, rows: rows))
        #expect(trace.values(of: "corner", group: "sample_stats") == Self.expected(chainFirst: false, offset: 9, width: 2, rows: rows))
        #expect(try !directory.names().contains("ckpt.trace.d"))
        #expect(try store.finalizeTrace() == path)
    }

    /// Expected stored values of a variable at `offset..<offset + width` in
    /// each fixture row (value `k` of row `r` is `r * 100 + k`), with two
    /// chains in front when `chainFirst`.
    static func expected(chainFirst: Bool, offset: Int, width: Int, rows: Int) -> [Double] {
        var values: [Double] = []
        if chainFirst {
            let perChain = width / 2
            for chain in 0..<2 {
                for row in 0..<rows {
                    for k in 0..<perChain { values.append(Double(row * 100 + offset + chain * perChain + k)) }
                }
            }
        } else {
            for row in 0..<rows {
                for k in 0..<width { values.append(Double(row * 100 + offset + k)) }
            }
        }
        return values
    }

    @Test("a trace without rows is consolidated empty")
    func emptyTrace() throws {
        let directory = try TemporaryDirectory("empty-trace")
        defer { directory.remove() }
        let store = try Fixtures.store(directory)
        try store.prepareFreshRun()
        _ = try store.commit(Fixtures.snapshot(step: 100, firstRow: 0, endRow: 0))

        let trace = try TraceFile.read(path: try store.finalizeTrace())

        #expect(trace.rowCount == 0)
        #expect(trace.shape(of: "theta") == [2, 0, 3])
        #expect(trace.values(of: "theta") == [])
    }
}

@Suite("Fresh run checks")
struct FreshRunTests {
    @Test("an existing checkpoint is not overwritten")
    func existingCheckpointRejected() throws {
        let directory = try TemporaryDirectory("exists")
        defer { directory.remove() }
        do {
            let store = try Fixtures.store(directory)
            try store.prepareFreshRun()
            _ = try store.commit(Fixtures.snapshot(step: 10, firstRow: 0, endRow: 1))
        }
        let store = try Fixtures.store(directory)

        #expect {
            try store.prepareFreshRun()
        } throws: { error in
            let error = try #require(error as? CheckpointError)
            return error.code == .alreadyExists && error.path == store.path
        }
    }

    @Test("a missing directory is reported")
    func missingDirectory() throws {
        let directory = try TemporaryDirectory("missing-dir")
        defer { directory.remove() }
        let store = try CheckpointStore(path: directory.path("absent/ckpt.h5"),
                                        configuration: Fixtures.configuration, producer: Fixtures.producer)

        #expect {
            try store.prepareFreshRun()
        } throws: { error in
            let error = try #require(error as? CheckpointError)
            return error.code == .notFound && error.path == directory.path("absent")
        }
    }

    /// Root ignores permission bits, so a directory that cannot hold files is
    /// made from a regular file, which works for every user.
    @Test("a path under a regular file is rejected")
    func pathUnderRegularFile() throws {
        let directory = try TemporaryDirectory("under-file")
        defer { directory.remove() }
        try Data("not a directory".utf8).write(to: directory.url.appendingPathComponent("file"))
        let store = try CheckpointStore(path: directory.path("file/ckpt.h5"),
                                        configuration: Fixtures.configuration, producer: Fixtures.producer)

        #expect {
            try store.prepareFreshRun()
        } throws: { error in
            let error = try #require(error as? CheckpointError)
            return error.code == .notFound && !error.isInputError
        }
    }

    @Test("a read-only directory is rejected", .enabled(if: geteuid() != 0, "root ignores permission bits"))
    func readOnlyDirectory() throws {
        let directory = try TemporaryDirectory("read-only")
        defer {
            try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: directory.url.path)
            directory.remove()
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: directory.url.path)
        let store = try Fixtures.store(directory)

        #expect {
            try store.prepareFreshRun()
        } throws: { error in
            let error = try #require(error as? CheckpointError)
            return error.code == .notWritable && error.errorNumber == EACCES
        }
    }
}
