/// Per-atom arrays of the kernel in storage order: local atoms `0..<localCount`,
/// then their periodic images (ghosts) in the position arrays only.
///
/// The arrays are raw buffers so that the hot loops run without bounds
/// checks or copy-on-write tests; every loop stays inside the counts stored
/// here. Storage order is ascending atom id.
final class AtomArrays {
    let localCount: Int
    private(set) var ghostCount = 0
    private var positionCapacity: Int

    /// Positions of local atoms, then of ghosts.
    private(set) var x: UnsafeMutablePointer<Double>
    private(set) var y: UnsafeMutablePointer<Double>
    private(set) var z: UnsafeMutablePointer<Double>
    let vx: UnsafeMutablePointer<Double>
    let vy: UnsafeMutablePointer<Double>
    let vz: UnsafeMutablePointer<Double>
    let fx: UnsafeMutablePointer<Double>
    let fy: UnsafeMutablePointer<Double>
    let fz: UnsafeMutablePointer<Double>
    /// Local positions at the last neighbour-list build.
    let heldX: UnsafeMutablePointer<Double>
    let heldY: UnsafeMutablePointer<Double>
    let heldZ: UnsafeMutablePointer<Double>
    /// Per-atom pair energy and virial of the latest evaluation with totals,
    /// each pair counted fully for both of its atoms.
    let pairEnergy: UnsafeMutablePointer<Double>
    let pairVirial: UnsafeMutablePointer<Double>

    var ids: [Int64]
    var imageX: [Int64]
    var imageY: [Int64]
    var imageZ: [Int64]

    init(localCount: Int) {
        self.localCount = localCount
        positionCapacity = localCount
        func allocate(_ count: Int) -> UnsafeMutablePointer<Double> {
            let pointer = UnsafeMutablePointer<Double>.allocate(capacity: max(count, 1))
            pointer.initialize(repeating: 0, count: max(count, 1))
            return pointer
        }
        x = allocate(localCount)
        y = allocate(localCount)
        z = allocate(localCount)
        vx = allocate(localCount)
        vy = allocate(localCount)
        vz = allocate(localCount)
        fx = allocate(localCount)
        fy = allocate(localCount)
        fz = allocate(localCount)
        heldX = allocate(localCount)
        heldY = allocate(localCount)
        heldZ = allocate(localCount)
        pairEnergy = allocate(localCount)
        pairVirial = allocate(localCount)
        ids = [Int64](repeating: 0, count: localCount)
        imageX = ids
        imageY = ids
        imageZ = ids
    }

    deinit {
        for pointer in [x, y, z, vx, vy, vz, fx, fy, fz, heldX, heldY, heldZ, pairEnergy, pairVirial] {
            pointer.deallocate()
        }
    }

    /// Makes room for `count` ghosts after the local positions. Ghost
    /// positions are undefined until the caller writes them.
    func setGhostCount(_ count: Int) {
        let needed = localCount + count
        if needed > positionCapacity {
            let capacity = max(needed, positionCapacity + positionCapacity / 2)
            x = Self.grow(x, keeping: localCount, to: capacity)
            y = Self.grow(y, keeping: localCount, to: capacity)
            z = Self.grow(z, keeping: localCount, to: capacity)
            positionCapacity = capacity
        }
        ghostCount = count
    }

    private static func grow(_ old: UnsafeMutablePointer<Double>, keeping count: Int, to capacity: Int) -> UnsafeMutablePointer<Double> {
        let new = UnsafeMutablePointer<Double>.allocate(capacity: capacity)
        new.initialize(repeating: 0, count: capacity)
        new.update(from: old, count: count)
        old.deallocate()
        return new
    }

    /// Copies `count` values from a pointer into a new array.
    static func array(_ pointer: UnsafeMutablePointer<Double>, count: Int) -> [Double] {
        Array(UnsafeBufferPointer(start: pointer, count: count))
    }

    /// Overwrites the first `values.count` elements at `pointer`.
    static func copy(_ values: [Double], to pointer: UnsafeMutablePointer<Double>) {
        values.withUnsafeBufferPointer { buffer in
            if let base = buffer.baseAddress { pointer.update(from: base, count: buffer.count) }
        }
    }
}
