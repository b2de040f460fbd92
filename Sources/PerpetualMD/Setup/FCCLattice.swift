#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A face-centred cubic lattice filling a cubic box, as LAMMPS's
/// `lattice fcc ρ` with `create_atoms 1 box` builds it.
public enum FCCLattice {
    /// Fractional coordinates of the four atoms in the cubic unit cell.
    static let basis: [SIMD3<Double>] = [
        SIMD3(0, 0, 0), SIMD3(0.5, 0.5, 0), SIMD3(0.5, 0, 0.5), SIMD3(0, 0.5, 0.5),
    ]

    /// Edge of the cubic unit cell in σ: `(4 / density)^(1/3)`, since the
    /// cell holds four atoms.
    public static func latticeConstant(density: Double) -> Double {
        cbrt(4 / density)
    }

    /// Returns the atoms of `cells³` unit cells in the box `[0, cells·a)³`
    /// with zero velocities. Ids run from 1 with x fastest, then y, then z,
    /// and the four basis atoms innermost.
    public static func state(cells: Int, density: Double) -> ParticleState {
        let a = latticeConstant(density: density)
        let count = 4 * cells * cells * cells
        var x: [Double] = [], y: [Double] = [], z: [Double] = []
        x.reserveCapacity(count)
        y.reserveCapacity(count)
        z.reserveCapacity(count)
        for k in 0..<cells {
            for j in 0..<cells {
                for i in 0..<cells {
                    for offset in basis {
                        x.append((Double(i) + offset.x) * a)
                        y.append((Double(j) + offset.y) * a)
                        z.append((Double(k) + offset.z) * a)
                    }
                }
            }
        }
        let edge = Double(cells) * a
        let zeros = [Double](repeating: 0, count: count)
        return ParticleState(ids: (1...Int64(count)).map { $0 }, x: x, y: y, z: z, vx: zeros, vy: zeros, vz: zeros,
                             box: SimulationBox(lower: .zero, upper: SIMD3(repeating: edge)))
    }
}
