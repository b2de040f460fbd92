import Foundation
import Testing
@testable import PerpetualMD

/// The same initial state run by this kernel and by LAMMPS (Debian's `lmp`)
/// for 100 NVE steps.
///
/// 864 atoms (6³ fcc cells) keep the test at about a second. LAMMPS checks
/// its neighbour list every step (`neigh_modify delay 0 every 1 check yes`)
/// with the same skin, so both programs include exactly the pairs within
/// the cutoff at every step.
struct LAMMPSAgreementTests {
    static let cells = 6
    static let steps = 100
    static let tolerance = 1e-8

    static let input = """
        units lj
        atom_style atomic
        read_data state.data
        pair_style lj/cut 2.5
        pair_coeff 1 1 1.0 1.0 2.5
        neighbor 0.3 bin
        neigh_modify delay 0 every 1 check yes
        fix 1 all nve
        timestep 0.005
        thermo_style custom step temp pe ke etotal press
        thermo_modify format float %.17g
        thermo 100
        dump 1 all custom 100 final.dump id xu yu zu
        dump_modify 1 sort id format float %.17g
        run 100
        """

    @Test func hundredNVEStepsMatchLAMMPS() throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("md-lammps-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }

        let kernel = try MDKernel(configuration: MDConfiguration(cells: Self.cells, steps: Self.steps, seed: 2026))
        try LAMMPSDataFile.render(kernel.particleState()).write(to: scratch.appendingPathComponent("state.data"), atomically: true, encoding: .utf8)
        try Self.input.write(to: scratch.appendingPathComponent("in.compare"), atomically: true, encoding: .utf8)
        var lastRow: [Double] = []
        while !kernel.isComplete {
            if let row = try kernel.advanceStep() { lastRow = row }
        }
        try Self.runLAMMPS(in: scratch)

        // Total energy per atom at step 100.
        let log = try String(contentsOf: scratch.appendingPathComponent("log.lammps"), encoding: .utf8)
        let thermo = try #require(Self.thermoLine(step: Self.steps, in: log), "no step-\(Self.steps) thermo line in log.lammps")
        let lammpsEnergy = thermo[4]
        let energy = lastRow[ThermoSample.columns.firstIndex(of: "total_energy")!]
        #expect(abs(energy - lammpsEnergy) <= Self.tolerance * abs(lammpsEnergy), "total energy \(energy), LAMMPS \(lammpsEnergy)")
        let lammpsPressure = thermo[5]
        let pressure = lastRow[ThermoSample.columns.firstIndex(of: "pressure")!]
        #expect(abs(pressure - lammpsPressure) <= Self.tolerance * abs(lammpsPressure), "pressure \(pressure), LAMMPS \(lammpsPressure)")

        // Unwrapped positions, atom by atom, relative to the box edge.
        let dump = try String(contentsOf: scratch.appendingPathComponent("final.dump"), encoding: .utf8)
        let lammpsPositions = Self.dumpAtoms(dump)
        let state = kernel.particleState()
        let edge = state.box.lengths
        #expect(lammpsPositions.count == state.count)
        var largestDeviation = 0.0
        for index in 0..<state.count {
            guard let other = lammpsPositions[state.ids[index]] else { continue }
            let ours = SIMD3(state.x[index] + Double(state.imageX[index]) * edge.x,
                             state.y[index] + Double(state.imageY[index]) * edge.y,
                             state.z[index] + Double(state.imageZ[index]) * edge.z)
            largestDeviation = max(largestDeviation, ((ours - other) / edge).max(), ((other - ours) / edge).max())
        }
        #expect(largestDeviation <= Self.tolerance, "largest position deviation \(largestDeviation) box edges")
    }

    static func runLAMMPS(in directory: URL) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["lmp", "-in", "in.compare", "-log", "log.lammps", "-screen", "none"]
        process.currentDirectoryURL = directory
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0,
                     "lmp exited with \(process.terminationStatus); is Debian's lammps package installed (make deps)? See log.lammps in \(directory.path)")
    }

    /// Values of the thermo line of `step`: step temp pe ke etotal press.
    static func thermoLine(step: Int, in log: String) -> [Double]? {
        for line in log.split(separator: "\n") {
            let fields = line.split(separator: " ").compactMap { Double($0) }
            if fields.count == 6, fields[0] == Double(step), line.split(separator: " ").first == "\(step)" {
                return fields
            }
        }
        return nil
    }

    /// Positions by atom id from the last snapshot of a `custom id xu yu zu` dump.
    static func dumpAtoms(_ dump: String) -> [Int64: SIMD3<Double>] {
        var positions: [Int64: SIMD3<Double>] = [:]
        var inAtoms = false
        for line in dump.split(separator: "\n") {
            if line.hasPrefix("ITEM:") {
                inAtoms = line.hasPrefix("ITEM: ATOMS")
                if inAtoms { positions.removeAll() }
                continue
            }
            guard inAtoms else { continue }
            let fields = line.split(separator: " ")
            guard fields.count == 4, let id = Int64(fields[0]),
                  let x = Double(fields[1]), let y = Double(fields[2]), let z = Double(fields[3]) else { continue }
            positions[id] = SIMD3(x, y, z)
        }
        return positions
    }
}
