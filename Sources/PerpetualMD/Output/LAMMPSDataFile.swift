/// A LAMMPS data file (`read_data`, `atom_style atomic`) of a particle state.
///
/// Every number is written in the shortest form that reads back to the same
/// double, so LAMMPS starts from bit-identical positions and velocities.
/// All atoms are type 1 with mass 1; image counts go into the Atoms lines.
public enum LAMMPSDataFile {
    /// Returns the text of the data file.
    public static func render(_ state: ParticleState, title: String = "Lennard-Jones state written by Perpetual") -> String {
        var lines: [String] = []
        lines.reserveCapacity(2 * state.count + 20)
        lines.append(title)
        lines.append("")
        lines.append("\(state.count) atoms")
        lines.append("1 atom types")
        lines.append("")
        for (index, axis) in ["x", "y", "z"].enumerated() {
            lines.append("\(state.box.lower[index]) \(state.box.upper[index]) \(axis)lo \(axis)hi")
        }
        lines.append("")
        lines.append("Masses")
        lines.append("")
        lines.append("1 1.0")
        lines.append("")
        lines.append("Atoms # atomic")
        lines.append("")
        for index in 0..<state.count {
            lines.append("\(state.ids[index]) 1 \(state.x[index]) \(state.y[index]) \(state.z[index]) \(state.imageX[index]) \(state.imageY[index]) \(state.imageZ[index])")
        }
        lines.append("")
        lines.append("Velocities")
        lines.append("")
        for index in 0..<state.count {
            lines.append("\(state.ids[index]) \(state.vx[index]) \(state.vy[index]) \(state.vz[index])")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
