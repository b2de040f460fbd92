/// Positions and velocities of all atoms with their global ids and the box:
/// the state two programs must share to start the same trajectory.
///
/// Arrays are parallel and of equal length. Components are kept as separate
/// x, y, z arrays, the structure-of-arrays layout of the force loops and of
/// openPMD records. All atoms have mass 1 and type 1.
public struct ParticleState: Sendable, Equatable {
    /// Global atom ids, unique and in 1...UInt32.max.
    public var ids: [Int64]
    public var x: [Double]
    public var y: [Double]
    public var z: [Double]
    public var vx: [Double]
    public var vy: [Double]
    public var vz: [Double]
    /// Periodic image counts, as in LAMMPS: the unwrapped position is
    /// `x + imageX * box.lengths.x`.
    public var imageX: [Int64]
    public var imageY: [Int64]
    public var imageZ: [Int64]
    public var box: SimulationBox

    /// Creates a state with zero image counts.
    public init(ids: [Int64], x: [Double], y: [Double], z: [Double],
                vx: [Double], vy: [Double], vz: [Double], box: SimulationBox) {
        self.ids = ids
        self.x = x
        self.y = y
        self.z = z
        self.vx = vx
        self.vy = vy
        self.vz = vz
        let zeros = [Int64](repeating: 0, count: ids.count)
        self.imageX = zeros
        self.imageY = zeros
        self.imageZ = zeros
        self.box = box
    }

    public var count: Int { ids.count }

    /// Checks lengths, id range and uniqueness, finiteness, and the box.
    /// Positions may lie outside the box: the kernel wraps them.
    /// - Throws: ``MDConfigurationError`` naming what is wrong.
    public func validate() throws {
        let arrays: [(String, Int)] = [("x", x.count), ("y", y.count), ("z", z.count),
                                       ("vx", vx.count), ("vy", vy.count), ("vz", vz.count),
                                       ("imageX", imageX.count), ("imageY", imageY.count), ("imageZ", imageZ.count)]
        for (name, length) in arrays where length != ids.count {
            throw MDConfigurationError(field: "particles/\(name)", value: "\(length) values",
                                       expected: "one value per atom id (\(ids.count))")
        }
        guard !ids.isEmpty else {
            throw MDConfigurationError(field: "particles/id", value: "no atoms", expected: "at least one atom")
        }
        var seen = Set<Int64>(minimumCapacity: ids.count)
        for id in ids {
            guard id >= 1, id <= Int64(UInt32.max) else {
                throw MDConfigurationError(field: "particles/id", value: "\(id)", expected: "ids in 1...\(UInt32.max)")
            }
            guard seen.insert(id).inserted else {
                throw MDConfigurationError(field: "particles/id", value: "\(id)", expected: "unique ids, but this one repeats")
            }
        }
        for (name, values) in [("x", x), ("y", y), ("z", z), ("vx", vx), ("vy", vy), ("vz", vz)] {
            if let index = values.firstIndex(where: { !$0.isFinite }) {
                throw MDConfigurationError(field: "particles/\(name)", value: "\(values[index]) for atom \(ids[index])",
                                           expected: "finite numbers")
            }
        }
        guard box.isValid else {
            throw MDConfigurationError(field: "box", value: "lower \(box.lower), upper \(box.upper)",
                                       expected: "finite bounds with upper > lower in every dimension")
        }
        // The kernel wraps a position into the box one box length at a
        // time, so a position far outside would take that many iterations.
        let reach = Double(Self.maxBoxLengthsOutside) * box.lengths
        for (dimension, name, values) in [(0, "x", x), (1, "y", y), (2, "z", z)] {
            let lower = box.lower[dimension] - reach[dimension], upper = box.upper[dimension] + reach[dimension]
            if let index = values.firstIndex(where: { $0 < lower || $0 > upper }) {
                throw MDConfigurationError(field: "particles/\(name)", value: "\(values[index]) for atom \(ids[index])",
                                           expected: "positions within \(Self.maxBoxLengthsOutside) box lengths of the box")
            }
        }
    }

    /// Largest distance of a position outside the box, in box lengths.
    public static let maxBoxLengthsOutside = 1_000

    /// Returns the state with atoms ordered by id.
    public func sortedByID() -> ParticleState {
        let order = ids.indices.sorted { ids[$0] < ids[$1] }
        var sorted = self
        sorted.ids = order.map { ids[$0] }
        sorted.x = order.map { x[$0] }
        sorted.y = order.map { y[$0] }
        sorted.z = order.map { z[$0] }
        sorted.vx = order.map { vx[$0] }
        sorted.vy = order.map { vy[$0] }
        sorted.vz = order.map { vz[$0] }
        sorted.imageX = order.map { imageX[$0] }
        sorted.imageY = order.map { imageY[$0] }
        sorted.imageZ = order.map { imageZ[$0] }
        return sorted
    }
}
