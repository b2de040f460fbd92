import Testing
@testable import PerpetualCore

/// A kernel with one field of each kind, and a migration from version 1,
/// whose array was called `values`, to version 2, which calls it `samples`.
private final class CountingKernel: DeclaredStateKernel {
    var length: Int
    var completedSteps = 0
    var samples: [Double]
    var counters: [UInt64]
    var label = "start"
    var migratedFromVersion: Int?

    static var stateDeclaration: StateDeclaration<CountingKernel> {
        StateDeclaration(version: 2, [
            .scalar("step", \.completedSteps),
            .scalar("label", \.label),
            .array("samples", \.samples, shape: { [$0.length, 2] }),
            .array("counters", \.counters, shape: { [$0.length] }),
        ])
    }

    init(length: Int) {
        self.length = length
        samples = Array(repeating: 0, count: 2 * length)
        counters = Array(repeating: 0, count: length)
    }

    var kernelName: String { "counting" }
    var totalSteps: Int { 10 }
    var traceSchema: TraceSchema { .empty }

    func advanceStep() throws -> [Double]? {
        completedSteps += 1
        for index in samples.indices { samples[index] += Double(index) * 0.5 }
        for index in counters.indices { counters[index] &+= UInt64(completedSteps) }
        return nil
    }

    func migrateState(_ state: KernelState, from schema: StateSchema) throws -> KernelState {
        guard schema.version == 1, let values = state["values"] else {
            throw StateSchemaMismatch(kernelName: kernelName, checkpointSchema: schema, kernelSchema: stateSchema)
        }
        migratedFromVersion = schema.version
        var migrated = state
        migrated["values"] = nil
        migrated["samples"] = values
        migrated[StateSchema.versionEntryName] = .int64(2)
        return migrated
    }
}

@Suite struct DeclaredStateTests {
    @Test func captureRestoreRoundTrip() throws {
        let original = CountingKernel(length: 3)
        for _ in 0..<4 { _ = try original.advanceStep() }
        original.label = "after four"

        let restored = CountingKernel(length: 3)
        try restored.restoreState(original.captureState())

        #expect(restored.completedSteps == 4)
        #expect(restored.samples == original.samples)
        #expect(restored.counters == original.counters)
        #expect(restored.label == "after four")
        #expect(restored.migratedFromVersion == nil)
    }

    @Test func captureStoresVersionAndShapes() throws {
        let state = CountingKernel(length: 3).captureState()

        #expect(state.names == [StateSchema.versionEntryName, "step", "label", "samples", "counters"])
        #expect(state[StateSchema.versionEntryName] == .int64(2))
        guard case .array(let samples) = state["samples"] else {
            Issue.record("samples is not an array")
            return
        }
        #expect(samples.shape == [3, 2])
    }

    @Test func schemaOfCaptureMatchesDeclaration() {
        let kernel = CountingKernel(length: 5)
        let derived = StateSchema(describing: kernel.captureState())

        #expect(derived == kernel.stateSchema)
        #expect(derived.version == 2)
        #expect(derived.entries.map(\.name) == ["counters", "label", "samples", "step"])
    }

    /// The expected value was computed independently with a Python FNV-1a
    /// over the same canonical text.
    @Test func fingerprintKnownAnswer() {
        let schema = StateSchema(entries: [
            .init(name: "v", type: "float64", rank: 2, isPartitioned: false),
            .init(name: "u", type: "float64", rank: 2, isPartitioned: false),
            .init(name: "step", type: "int64", rank: 0, isPartitioned: false),
        ], version: 1)

        #expect(schema.canonicalText == "version 1\nstep\tint64\t0\treplicated\nu\tfloat64\t2\treplicated\nv\tfloat64\t2\treplicated")
        #expect(schema.fingerprint == "9e5ef56f58249d2a")
    }

    @Test func fingerprintIgnoresExtents() {
        #expect(CountingKernel(length: 3).stateSchema.fingerprint == CountingKernel(length: 7).stateSchema.fingerprint)
    }

    @Test func migrationHookConvertsOldVersion() throws {
        let original = CountingKernel(length: 2)
        for _ in 0..<3 { _ = try original.advanceStep() }
        var old = original.captureState()
        old["values"] = old["samples"]
        old["samples"] = nil
        old[StateSchema.versionEntryName] = .int64(1)

        let restored = CountingKernel(length: 2)
        try restored.restoreState(old)

        #expect(restored.migratedFromVersion == 1)
        #expect(restored.samples == original.samples)
        #expect(restored.completedSteps == 3)
    }

    @Test func mismatchNamesHashesAndEntries() throws {
        var state = CountingKernel(length: 2).captureState()
        state["counters"] = .array(StateArray(int64: [1, 2]))
        state["extra"] = .float64(1)
        let stored = StateSchema(describing: state)
        let kernel = CountingKernel(length: 2)

        let error = try #require(throws: StateSchemaMismatch.self) { try kernel.restoreState(state) }

        #expect(error.checkpointSchema.fingerprint == stored.fingerprint)
        #expect(error.kernelSchema.fingerprint == kernel.stateSchema.fingerprint)
        #expect(error.differences == [
            "'counters' is int64, rank 1 in the checkpoint but uint64, rank 1 in the kernel",
            "'extra' is in the checkpoint but not declared by the kernel (extra: float64 scalar)",
        ])
        #expect(error.description.contains(stored.fingerprint))
        #expect(error.description.contains(kernel.stateSchema.fingerprint))
    }

    @Test func builtInStateHasNoVersion() {
        var state = KernelState()
        state["x"] = .array(StateArray(.float64([1, 2]), shape: [1, 2], partition: .init(globalRows: 4, offset: 1)))
        let schema = StateSchema(describing: state)

        #expect(schema.version == nil)
        #expect(schema.entries == [.init(name: "x", type: "float64", rank: 2, isPartitioned: true)])
    }

    @Test func otherShapeThrowsStateError() throws {
        let state = CountingKernel(length: 3).captureState()
        let kernel = CountingKernel(length: 4)

        let error = try #require(throws: KernelStateError.self) { try kernel.restoreState(state) }

        #expect(error.code == .mismatchedEntry)
        #expect(error.entry == "samples")
    }
}

/// A kernel with rows 2..<5 of a 6-row array distributed over ranks.
private final class ShareKernel: DeclaredStateKernel {
    var completedSteps = 0
    var rows: [Double] = [2, 3, 4]

    static var stateDeclaration: StateDeclaration<ShareKernel> {
        StateDeclaration([
            .scalar("step", \.completedSteps),
            .array("rows", \.rows, shape: { [$0.rows.count] },
                   partition: { _ in StateArray.Partition(globalRows: 6, offset: 2) }),
        ])
    }

    var kernelName: String { "share" }
    var totalSteps: Int { 1 }
    var traceSchema: TraceSchema { .empty }
    func advanceStep() throws -> [Double]? { nil }
}

@Suite struct DeclaredPartitionTests {
    @Test func partitionedArrayCarriesItsRows() throws {
        let state = ShareKernel().captureState()

        guard case .array(let rows) = state["rows"] else {
            Issue.record("rows is not an array")
            return
        }
        #expect(rows.partition == StateArray.Partition(globalRows: 6, offset: 2))
        #expect(rows.globalShape == [6])
        #expect(StateSchema(describing: state).entries.last == .init(name: "step", type: "int64", rank: 0, isPartitioned: false))
        #expect(StateSchema(describing: state).entries.first == .init(name: "rows", type: "float64", rank: 1, isPartitioned: true))
    }

    @Test func otherPartitionIsRejected() throws {
        var state = ShareKernel().captureState()
        state["rows"] = .array(StateArray(.float64([0, 1, 2]), shape: [3], partition: .init(globalRows: 6, offset: 0)))

        let error = try #require(throws: KernelStateError.self) { try ShareKernel().restoreState(state) }

        #expect(error.entry == "rows")
        #expect(error.code == .mismatchedEntry)
    }
}

@Suite struct StateDifferenceTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var found: KernelState
        var expected: KernelState
        var difference: StateDifference?
        var testDescription: String { name }
    }

    static func state(_ entries: [(String, StateValue)]) -> KernelState {
        var state = KernelState()
        for (name, value) in entries { state[name] = value }
        return state
    }

    static let cases: [Case] = [
        Case(name: "equal", found: state([("a", .array(StateArray(float64: [1, 2, 3])))]),
             expected: state([("a", .array(StateArray(float64: [1, 2, 3])))]), difference: nil),
        Case(name: "array element", found: state([("a", .array(StateArray(float64: [1, 2, 4])))]),
             expected: state([("a", .array(StateArray(float64: [1, 2, 3])))]),
             difference: StateDifference(entry: "a", index: 2, detail: "4.0 versus 3.0")),
        Case(name: "negative zero", found: state([("a", .array(StateArray(float64: [-0.0])))]),
             expected: state([("a", .array(StateArray(float64: [0.0])))]),
             difference: StateDifference(entry: "a", index: 0, detail: "-0.0 versus 0.0")),
        Case(name: "integer array", found: state([("c", .array(StateArray(uint64: [5, 6])))]),
             expected: state([("c", .array(StateArray(uint64: [5, 7])))]),
             difference: StateDifference(entry: "c", index: 1, detail: "6 versus 7")),
        Case(name: "missing entry", found: state([]), expected: state([("s", .int64(3))]),
             difference: StateDifference(entry: "s", index: nil, detail: "missing from the compared state")),
        Case(name: "extra entry", found: state([("s", .int64(3))]), expected: state([]),
             difference: StateDifference(entry: "s", index: nil, detail: "present only in the compared state")),
        Case(name: "scalar", found: state([("s", .int64(3))]), expected: state([("s", .int64(4))]),
             difference: StateDifference(entry: "s", index: nil, detail: "int64(3) versus int64(4)")),
        Case(name: "shape", found: state([("a", .array(StateArray(float64: [1, 2], shape: [2, 1])))]),
             expected: state([("a", .array(StateArray(float64: [1, 2], shape: [1, 2])))]),
             difference: StateDifference(entry: "a", index: nil, detail: "shape [2, 1] versus [1, 2]")),
    ]

    @Test(arguments: cases) func firstDifference(_ testCase: Case) {
        #expect(testCase.found.firstDifference(from: testCase.expected) == testCase.difference)
    }
}
