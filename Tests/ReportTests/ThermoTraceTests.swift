import Foundation
import PerpetualCore
import Testing
@testable import PerpetualCheckpoint

/// An MD trace shaped as the MD kernel writes it (group `thermo`, rows
/// along `step`), made synthetically with a known drift.
@Suite("Thermo trace report")
struct ThermoTraceTests {
    @Test("energy drift of a synthetic MD trace")
    func energyDriftOfSyntheticTrace() throws {
        let directory = try TemporaryDirectory("thermo")
        defer { directory.remove() }
        let names = ["time", "temperature", "potential_energy", "kinetic_energy", "total_energy", "pressure"]
        let schema = TraceSchema(names.map { TraceSchema.Variable(name: $0, group: "thermo", shape: [], dimensions: []) }, rowDimension: "step")
        let rowCount = 400
        var rows: [Double] = []
        for row in 0..<rowCount {
            let time = Double(row) * 0.005
            // Alternating ±0.25 noise averages out within every 40-row block.
            let wiggle = row % 2 == 0 ? 0.25 : -0.25
            let total = -500 + 3.0 * time + wiggle
            rows += [time, 1.5 + wiggle, total - 100, 100, total, 2.0]
        }
        try TraceFileWriter(schema: schema, producer: "test").write(rows: rows, rowCount: rowCount, to: directory.path("md.trace.h5"))

        let result = try Command.runSimrun(["report", "--json", "--atoms", "256", directory.path("md.trace.h5")], in: directory)
        #expect(result.exitCode == 0, "\(result.standardError)")
        let thermo = try #require(try Command.jsonObject(result.standardOutput)["thermo"] as? [String: Any])
        let drift = try #require(thermo["energy_drift_per_atom"] as? [String: Any])
        let slope = try #require(drift["slope"] as? Double)
        #expect(abs(slope - 3.0 / 256) <= 1e-3 * 3.0 / 256, "slope \(slope)")
        let averages = try #require(thermo["averages"] as? [String: [String: Any]])
        #expect(averages["temperature"]?["mean"] as? Double == 1.5)
        #expect(averages["pressure"]?["standard_error"] as? Double == 0)
        #expect(thermo["notes"] as? [String] == [])
    }

    @Test("Perpetual MD trace is per atom and per step")
    func perpetualTraceIsPerAtomAndStep() throws {
        let directory = try TemporaryDirectory("thermo-steps")
        defer { directory.remove() }
        // As the MD kernel writes it: a `step` column and energies per atom.
        let names = ["step", "temperature", "potential_energy", "kinetic_energy", "total_energy", "pressure"]
        let schema = TraceSchema(names.map { TraceSchema.Variable(name: $0, group: "thermo", shape: [], dimensions: []) }, rowDimension: "step")
        let rowCount = 200
        var rows: [Double] = []
        for row in 1...rowCount {
            let step = Double(row * 100)
            let wiggle = row % 2 == 0 ? 1e-4 : -1e-4
            let total = -4.6 + 2e-6 * step + wiggle
            rows += [step, 1.4, total - 2, 2, total, 5.0]
        }
        try TraceFileWriter(schema: schema, producer: "test").write(rows: rows, rowCount: rowCount, to: directory.path("md.trace.h5"))

        let result = try Command.runSimrun(["report", "--json", "--atoms", "32000", "--timestep", "0.005", directory.path("md.trace.h5")],
                                           in: directory)

        #expect(result.exitCode == 0, "\(result.standardError)")
        let thermo = try #require(try Command.jsonObject(result.standardOutput)["thermo"] as? [String: Any])
        let drift = try #require(thermo["energy_drift_per_atom"] as? [String: Any])
        let slope = try #require(drift["slope"] as? Double)
        // 2e-6 per step at 0.005 time units per step: 4e-4 per unit time, not divided by the atom count.
        #expect(abs(slope - 4e-4) <= 1e-3 * 4e-4, "slope \(slope)")
        let notes = thermo["notes"] as? [String] ?? []
        #expect(notes.contains { $0.contains("--atoms is ignored") }, "notes \(notes)")
    }
}
