import Testing
@testable import PerpetualMD

/// Step-0 values of LAMMPS's `in.lj` set-up (fcc, ρ = 0.8442, 20³ cells =
/// 32,000 atoms, r_c = 2.5σ unshifted, T = 1.44), as LAMMPS prints them in
/// its step-0 thermo line: E_pair −6.7733681 and pressure −5.0197073.
/// Neither depends on LAMMPS's random velocities: the lattice fixes the
/// pair energy and virial, and the kinetic part of the pressure is
/// `T (3N − 3) / (3V)` once the velocities are scaled to T.
struct LatticeReferenceTests {
    static let printedEnergy = -6.7733681
    static let printedPressure = -5.0197073
    /// Half a unit in the last printed digit.
    static let printedTolerance = 5e-8

    @Test func inLJStepZeroThermo() throws {
        let kernel = try MDKernel(configuration: MDConfiguration(cells: 20, steps: 1, seed: 87287))
        let thermo = kernel.initialThermo

        #expect(kernel.atomCount == 32_000)
        #expect(abs(thermo.potentialEnergy - Self.printedEnergy) < Self.printedTolerance, "E_pair \(thermo.potentialEnergy)")
        #expect(abs(thermo.pressure - Self.printedPressure) < Self.printedTolerance, "pressure \(thermo.pressure)")
        #expect(abs(thermo.temperature - 1.44) < 1e-12, "temperature \(thermo.temperature)")
    }

    @Test(arguments: [4, 7])
    func latticeEnergyIndependentOfSize(cells: Int) throws {
        let kernel = try MDKernel(configuration: MDConfiguration(cells: cells, steps: 1, seed: 1, temperature: 0))
        let thermo = kernel.initialThermo

        #expect(abs(thermo.potentialEnergy - Self.printedEnergy) < Self.printedTolerance, "E_pair \(thermo.potentialEnergy)")
        #expect(thermo.kineticEnergy == 0)
    }

    @Test func latticeForcesVanish() throws {
        let kernel = try MDKernel(configuration: MDConfiguration(cells: 5, steps: 1, seed: 1, temperature: 0))
        let forces = kernel.forces()
        let largest = (forces.x + forces.y + forces.z).map(abs).max() ?? .infinity

        #expect(largest < 1e-12, "largest force component \(largest)")
    }
}
