import Foundation
import Testing
import PerpetualCheckpoint
import PerpetualCore

@Suite("Checkpoint round trips")
struct StateRoundTripTests {
    @Test("every state value type survives a commit")
    func stateRoundTrip() throws {
        let directory = try TemporaryDirectory("round-trip")
        defer { directory.remove() }
        let store = try Fixtures.store(directory)
        try store.prepareFreshRun()
        let snapshot = Fixtures.snapshot(step: 40, firstRow: 0, endRow: 3)

        let receipt = try store.commit(snapshot)
        let resume = try CheckpointReader.loadNewestValid(path: store.path)
        let loaded = resume.checkpoint

        #expect(receipt.location == store.path)
        #expect(receipt.bytes > 0)
        #expect(resume.skipped.isEmpty)
        #expect(loaded.path == store.path)
        #expect(loaded.formatVersion == 2)
        #expect(loaded.kernelName == "fixture")
        #expect(loaded.configuration == Fixtures.configuration)
        #expect(loaded.producer == Fixtures.producer)
        #expect(loaded.step == 40)
        #expect(loaded.totalSteps == 100)
        #expect(loaded.state == snapshot.state)
        #expect(loaded.state.names == snapshot.state.names)
        #expect(loaded.traceSchema == Fixtures.schema)
        #expect(loaded.committedTraceRows == 3)
        #expect(loaded.accounting == snapshot.accounting)
        #expect(loaded.created.hasSuffix("Z"))
    }

    @Test("state names with slashes become nested groups")
    func nestedNamesInFile() throws {
        let directory = try TemporaryDirectory("nested")
        defer { directory.remove() }
        let store = try Fixtures.store(directory)
        try store.prepareFreshRun()
        _ = try store.commit(Fixtures.snapshot(step: 1, firstRow: 0, endRow: 0))

        let listing = try ProgramRunner.run(["h5ls", "-r", store.path])
        var kinds: [String: String] = [:]
        for line in listing.output.split(separator: "\n") {
            let fields = line.split(separator: " ", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if fields.count == 2 { kinds[fields[0]] = fields[1] }
        }
        #expect(listing.status == 0)
        #expect(kinds["/state/chain"] == "Group")
        #expect(kinds["/state/chain/rng"] == "Group")
        #expect(kinds["/state/chain/rng/key"] == "Dataset {2}")
        #expect(kinds["/state/matrix"] == "Dataset {2, 3}")
        #expect(kinds["/state/empty"] == "Dataset {0}")
        #expect(kinds["/state/step"] == "Dataset {SCALAR}")
    }

    @Test("h5dump reads a checkpoint")
    func h5dumpReadsCheckpoint() throws {
        let directory = try TemporaryDirectory("h5dump")
        defer { directory.remove() }
        let store = try Fixtures.store(directory)
        try store.prepareFreshRun()
        _ = try store.commit(Fixtures.snapshot(step: 5, firstRow: 0, endRow: 2))

        let dump = try ProgramRunner.run(["h5dump", store.path])
        #expect(dump.status == 0)
        #expect(dump.output.contains("perpetual-checkpoint"))
    }

    @Test("a failed write leaves the previous checkpoint unchanged")
    func failedWriteKeepsPrevious() throws {
        let directory = try TemporaryDirectory("failed-write")
        defer { directory.remove() }
        let store = try Fixtures.store(directory)
        try store.prepareFreshRun()
        _ = try store.commit(Fixtures.snapshot(step: 10, firstRow: 0, endRow: 0))
        let before = try Data(contentsOf: URL(fileURLWithPath: store.path))

        // `a` is a dataset, so HDF5 cannot create the group for `a/b`.
        var snapshot = Fixtures.snapshot(step: 20, firstRow: 0, endRow: 0)
        snapshot.state["a"] = .float64(1)
        snapshot.state["a/b"] = .float64(2)
        #expect {
            _ = try store.commit(snapshot)
        } throws: { error in
            let error = try #require(error as? CheckpointError)
            return error.code == .ioFailure && error.path == store.path && error.hdf5Message != nil && !error.isInputError
        }

        let after = try Data(contentsOf: URL(fileURLWithPath: store.path))
        #expect(after == before)
        #expect(try directory.names() == ["ckpt.h5"])
    }
}
