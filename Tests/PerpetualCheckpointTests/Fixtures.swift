import Foundation
import PerpetualCheckpoint
import PerpetualCore

/// A uniquely named directory under the system's temporary directory.
struct TemporaryDirectory {
    let url: URL

    init(_ label: String) throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("perpetual-checkpoint-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// File names in the directory, sorted, hidden files included.
    func names(in subdirectory: String? = nil) throws -> [String] {
        let folder = subdirectory.map { url.appendingPathComponent($0).path } ?? url.path
        return try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
    }

    func remove() { try? FileManager.default.removeItem(at: url) }
}

/// Snapshots with a known state and trace, so tests can predict every value.
enum Fixtures {
    static let configuration = #"{"kernel":"fixture","seed":7}"#
    static let producer = "perpetual-tests 1"

    /// Two chains; `mu` and `theta` are chain-first, `lp` is a scalar, `corner` is not chain-first.
    static let schema = TraceSchema([
        .init(name: "mu", group: "posterior", shape: [2], dimensions: ["chain"]),
        .init(name: "theta", group: "posterior", shape: [2, 3], dimensions: ["chain", "school"]),
        .init(name: "lp", group: "sample_stats", shape: [], dimensions: []),
        .init(name: "corner", group: "sample_stats", shape: [2], dimensions: ["side"]),
    ])

    /// Value `k` of row `r` is `r * 100 + k`.
    static func row(_ index: Int) -> [Double] {
        (0..<schema.rowLength).map { Double(index * 100 + $0) }
    }

    static func state(step: Int) -> KernelState {
        var state = KernelState()
        state["step"] = .int64(Int64(step))
        state["chain/position"] = .array(StateArray(float64: [1.5, -2.25, Double(step)], shape: [3]))
        state["chain/rng/key"] = .array(StateArray(uint32: [0xDEAD_BEEF, 7], shape: [2]))
        state["chain/rng/counter"] = .array(StateArray(uint64: [UInt64.max, UInt64(step)], shape: [2]))
        state["matrix"] = .array(StateArray(int64: (0..<6).map { Int64($0) - 3 }, shape: [2, 3]))
        state["empty"] = .array(StateArray(float64: [], shape: [0]))
        state["step_size"] = .float64(0.125)
        state["phase"] = .string("sampling — étape \(step)")
        return state
    }

    /// A snapshot at `step` whose pending trace holds rows `firstRow..<endRow`.
    static func snapshot(step: Int, totalSteps: Int = 100, firstRow: Int, endRow: Int) -> Snapshot {
        var block = TraceBlock(firstRow: firstRow, rowLength: schema.rowLength)
        for index in firstRow..<endRow { block.append(row: row(index)) }
        return Snapshot(kernelName: "fixture", step: step, totalSteps: totalSteps, state: state(step: step),
                        traceSchema: schema, pendingTrace: block,
                        accounting: RunAccounting(segments: 2, computeSeconds: Double(step) * 0.5,
                                                  checkpointSeconds: 0.25, elapsedSeconds: Double(step)))
    }

    static func store(_ directory: TemporaryDirectory, keep: Int = 2) throws -> CheckpointStore {
        try CheckpointStore(path: directory.path("ckpt.h5"), keepGenerations: keep,
                            configuration: configuration, producer: producer)
    }

    /// Commits one snapshot per step in `steps`, with `rowsPerStep` new rows each.
    @discardableResult
    static func commit(_ store: CheckpointStore, steps: [Int], rowsPerStep: Int, startRow: Int = 0) throws -> Int {
        var row = startRow
        for step in steps {
            _ = try store.commit(snapshot(step: step, firstRow: row, endRow: row + rowsPerStep))
            row += rowsPerStep
        }
        return row
    }
}

/// Runs an external program and collects its output.
enum ProgramRunner {
    struct Result {
        var status: Int32
        var output: String
    }

    static func run(_ arguments: [String]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
    }
}
