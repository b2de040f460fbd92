import Foundation
import Testing
import PerpetualCheckpoint
import PerpetualCore

@Suite("Checkpoint generations")
struct GenerationTests {
    @Test("rotation keeps exactly K generations", arguments: [1, 2, 3])
    func rotationKeepsGenerations(keep: Int) throws {
        let directory = try TemporaryDirectory("rotation")
        defer { directory.remove() }
        let store = try Fixtures.store(directory, keep: keep)
        try store.prepareFreshRun()
        try Fixtures.commit(store, steps: [10, 20, 30, 40, 50], rowsPerStep: 0)

        let expectedOlder = [40, 30, 20, 10].prefix(keep - 1).map { String(format: "ckpt.step-%010d.h5", $0) }
        #expect(try directory.names() == (["ckpt.h5"] + expectedOlder).sorted())
        #expect(try CheckpointReader.loadNewestValid(path: store.path).checkpoint.step == 50)
        for (index, name) in expectedOlder.enumerated() {
            let older = try CheckpointReader.loadNewestValid(path: directory.path(name))
            #expect(older.checkpoint.step == [40, 30, 20][index])
        }
    }

    @Test("resume picks the newest valid step inside, not the name")
    func newestByInnerStep() throws {
        let directory = try TemporaryDirectory("inner-step")
        defer { directory.remove() }
        let store = try Fixtures.store(directory, keep: 3)
        try store.prepareFreshRun()
        try Fixtures.commit(store, steps: [10, 20, 30], rowsPerStep: 0)

        // Put step 10 at the newest name and touch it; step 30 moves to a scratch name.
        let manager = FileManager.default
        try manager.moveItem(atPath: store.path, toPath: directory.path("scratch.bin"))
        try manager.moveItem(atPath: directory.path("ckpt.step-0000000010.h5"), toPath: store.path)
        try manager.setAttributes([.modificationDate: Date().addingTimeInterval(3600)], ofItemAtPath: store.path)

        let resume = try CheckpointReader.loadNewestValid(path: store.path)
        #expect(resume.checkpoint.step == 20)
        #expect(resume.checkpoint.path == directory.path("ckpt.step-0000000020.h5"))
        #expect(resume.skipped.isEmpty)
    }

    @Test("a flipped data byte falls back to the older generation")
    func flippedByteFallsBack() throws {
        let directory = try TemporaryDirectory("flipped")
        defer { directory.remove() }
        let store = try Fixtures.store(directory)
        try store.prepareFreshRun()
        var first = Fixtures.snapshot(step: 10, firstRow: 0, endRow: 0)
        var second = Fixtures.snapshot(step: 20, firstRow: 0, endRow: 0)
        let marker = (0..<16).map { Double(0x5EED_0000 + $0) + 0.5 }
        first.state["marker"] = .array(StateArray(float64: marker))
        second.state["marker"] = .array(StateArray(float64: marker))
        _ = try store.commit(first)
        _ = try store.commit(second)

        try CorruptFile.flipByte(in: store.path, inside: marker)

        let resume = try CheckpointReader.loadNewestValid(path: store.path)
        #expect(resume.checkpoint.step == 10)
        #expect(resume.skipped.count == 1)
        #expect(resume.skipped.first?.path == store.path)
        #expect(resume.skipped.first?.reason.contains("checksum mismatch in dataset 'marker'") == true)
    }

    struct DamageCase: CustomTestStringConvertible, Sendable {
        var name: String
        var keptBytes: @Sendable (Int) -> Int
        var reason: String
        var testDescription: String { name }
    }

    static let damage: [DamageCase] = [
        DamageCase(name: "zero-length file", keptBytes: { _ in 0 }, reason: "the file is empty (0 bytes)"),
        DamageCase(name: "truncated file", keptBytes: { $0 / 2 }, reason: "cannot read"),
    ]

    @Test("damaged newest generation is skipped", arguments: damage)
    func damagedGenerationSkipped(_ damage: DamageCase) throws {
        let directory = try TemporaryDirectory("damaged")
        defer { directory.remove() }
        let store = try Fixtures.store(directory)
        try store.prepareFreshRun()
        try Fixtures.commit(store, steps: [10, 20], rowsPerStep: 0)
        let size = try FileManager.default.attributesOfItem(atPath: store.path)[.size] as! Int
        try CorruptFile.truncate(store.path, to: damage.keptBytes(size))

        let resume = try CheckpointReader.loadNewestValid(path: store.path)
        #expect(resume.checkpoint.step == 10)
        #expect(resume.skipped.map(\.path) == [store.path])
        #expect(resume.skipped.first?.reason.contains(damage.reason) == true)
    }

    @Test("newer format version is rejected naming both versions")
    func newerFormatRejected() throws {
        let directory = try TemporaryDirectory("version")
        defer { directory.remove() }
        let store = try Fixtures.store(directory)
        try store.prepareFreshRun()
        try Fixtures.commit(store, steps: [10, 20], rowsPerStep: 0)
        let script = "import sys, h5py, numpy\nwith h5py.File(sys.argv[1], 'r+') as f: f.attrs['format_version'] = numpy.int64(3)"
        try #require(try ProgramRunner.run(["python3", "-c", script, store.path]).status == 0)

        #expect {
            _ = try CheckpointReader.loadNewestValid(path: store.path)
        } throws: { error in
            let error = try #require(error as? CheckpointError)
            return error.code == .unsupportedFormat && error.isInputError && error.path == store.path
                && error.detail.contains("version 3") && error.detail.contains("up to version 2")
        }
    }

    @Test("no generation at all")
    func nothingToLoad() throws {
        let directory = try TemporaryDirectory("nothing")
        defer { directory.remove() }
        let store = try Fixtures.store(directory)

        #expect(try store.prepareResume() == nil)
        #expect {
            _ = try CheckpointReader.loadNewestValid(path: store.path)
        } throws: { error in
            let error = try #require(error as? CheckpointError)
            return error.code == .notFound && error.isInputError
        }
    }

    @Test("resume continues the rotation")
    func resumeContinuesRotation() throws {
        let directory = try TemporaryDirectory("resume-rotation")
        defer { directory.remove() }
        do {
            let store = try Fixtures.store(directory)
            try store.prepareFreshRun()
            try Fixtures.commit(store, steps: [10, 20], rowsPerStep: 2)
        }
        let store = try Fixtures.store(directory)
        let resume = try #require(try store.prepareResume())
        try Fixtures.commit(store, steps: [30], rowsPerStep: 2, startRow: resume.checkpoint.committedTraceRows)

        #expect(resume.checkpoint.step == 20)
        #expect(try directory.names() == ["ckpt.h5", "ckpt.step-0000000020.h5", "ckpt.trace.d"])
        #expect(try CheckpointReader.loadNewestValid(path: store.path).checkpoint.committedTraceRows == 6)
    }
}

/// Damages files the way disks and killed writers do.
enum CorruptFile {
    /// Flips the lowest bit of a byte inside the raw bytes of `values` in the file.
    static func flipByte(in path: String, inside values: [Double]) throws {
        var data = try Data(contentsOf: URL(fileURLWithPath: path))
        let pattern = values.withUnsafeBytes { Data($0) }
        let range = try #require(data.range(of: pattern), "the values were not found in \(path)")
        data[range.lowerBound + 3] ^= 0x01
        try data.write(to: URL(fileURLWithPath: path))
    }

    static func truncate(_ path: String, to bytes: Int) throws {
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.truncate(atOffset: UInt64(bytes))
        try handle.close()
    }
}
