/// Thermodynamic output at one step, in reduced units. Energies are per
/// atom, as LAMMPS prints them in `units lj` (`thermo_modify norm yes`).
public struct ThermoSample: Sendable, Equatable {
    public var step: Int
    /// `Σ m v² / (3N − 3)`, LAMMPS's `compute temp` (three degrees of freedom
    /// removed for the fixed total momentum); 0 for one atom.
    public var temperature: Double
    /// Pair energy per atom.
    public var potentialEnergy: Double
    /// `Σ ½ m v² / N`.
    public var kineticEnergy: Double
    public var totalEnergy: Double { potentialEnergy + kineticEnergy }
    /// `(Σ m v² + Σ r_ij · F_ij) / (3V)`: the kinetic part uses the same sum
    /// as the temperature, and the virial holds pair forces only, as in
    /// LAMMPS's `compute pressure`. No long-range tail correction.
    public var pressure: Double

    /// Column names of a thermo trace row, in ``row`` order.
    public static let columns = ["step", "temperature", "potential_energy", "kinetic_energy", "total_energy", "pressure"]

    public var row: [Double] {
        [Double(step), temperature, potentialEnergy, kineticEnergy, totalEnergy, pressure]
    }
}
