import Foundation
import Testing
import PerpetualCheckpoint
import PerpetualCore

/// Reads the files through h5py, as users of the checkpoints will. Needs
/// python3 with h5py, numpy and xxhash.
@Suite("h5py interoperability")
struct InteropTests {
    static let script = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().appendingPathComponent("Interop/check_with_h5py.py").path

    @Test("h5py reads checkpoint and trace")
    func h5pyReadsFiles() throws {
        let directory = try TemporaryDirectory("h5py")
        defer { directory.remove() }
        let store = try Fixtures.store(directory)
        try store.prepareFreshRun()
        let snapshot = Fixtures.snapshot(step: 100, firstRow: 0, endRow: 5)
        _ = try store.commit(snapshot)
        let tracePath = try store.finalizeTrace()
        let trace = try TraceFile.read(path: tracePath)
        let expectedPath = directory.path("expected.json")
        try writeExpectations(snapshot: snapshot, trace: trace, to: expectedPath)

        let result = try ProgramRunner.run(["python3", Self.script, store.path, tracePath, expectedPath])

        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.hasSuffix("0 failed checks\n"))
    }

    private func writeExpectations(snapshot: Snapshot, trace: TraceFile, to path: String) throws {
        let state: [[String: Any]] = snapshot.state.entries.map { entry in
            switch entry.value {
            case .array(let array):
                let (type, values): (String, [Any]) = switch array.elements {
                case .float64(let values): ("float64", values)
                case .int64(let values): ("int64", values)
                case .uint32(let values): ("uint32", values)
                case .uint64(let values): ("uint64", values)
                }
                return ["name": entry.name, "type": type, "shape": array.shape, "values": values]
            case .float64(let value): return ["name": entry.name, "type": "float64", "shape": [Int](), "values": [value]]
            case .int64(let value): return ["name": entry.name, "type": "int64", "shape": [Int](), "values": [value]]
            case .string(let text): return ["name": entry.name, "type": "string", "shape": [Int](), "values": [text]]
            }
        }
        let variables: [[String: Any]] = trace.schema.variables.map { variable in
            let chainFirst = variable.dimensions.first == "chain"
            let dimensions = chainFirst ? ["chain", "draw"] + variable.dimensions.dropFirst() : ["draw"] + variable.dimensions
            return ["name": variable.name, "group": variable.group, "dimensions": dimensions,
                    "shape": trace.shape(of: variable.name, group: variable.group),
                    "values": trace.values(of: variable.name, group: variable.group)]
        }
        let expected: [String: Any] = [
            "checkpoint": [
                "kernel": snapshot.kernelName, "step": snapshot.step, "total_steps": snapshot.totalSteps,
                "producer": Fixtures.producer, "configuration": Fixtures.configuration,
                "committed_trace_rows": snapshot.pendingTrace.endRow, "state": state,
            ] as [String: Any],
            "trace": ["row_count": trace.rowCount, "variables": variables] as [String: Any],
        ]
        try JSONSerialization.data(withJSONObject: expected).write(to: URL(fileURLWithPath: path))
    }
}
