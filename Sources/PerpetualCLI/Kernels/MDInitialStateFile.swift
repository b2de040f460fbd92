import Foundation
import PerpetualHDF5
import PerpetualMD

/// Reads and writes the HDF5 file that `--initial-state` takes: positions
/// and velocities of every atom and the periodic box.
///
/// Layout (N atoms, all datasets float64 unless noted):
///
/// | path | shape | contents |
/// | --- | --- | --- |
/// | `/particles/id` | int64 [N] | global atom ids in 1...2^32−1; optional, default 1...N |
/// | `/particles/position/x`, `…/y`, `…/z` | [N] | positions in σ |
/// | `/particles/velocity/x`, `…/y`, `…/z` | [N] | velocities in σ/τ |
/// | `/box/lower`, `/box/upper` | [3] | box bounds (x, y, z) in σ |
///
/// Positions outside the box are wrapped by the kernel. Mass is 1 and all
/// atoms have one type.
enum MDInitialStateFile {
    static let components = ["x", "y", "z"]

    /// Reads the state at `path`.
    /// - Throws: ``InputDataError`` when the file is missing, unreadable or
    ///   does not follow the layout.
    static func read(path: String) throws -> ParticleState {
        guard FileManager.default.fileExists(atPath: path) else {
            throw InputDataError(path: path, detail: "initial-state file not found; give an existing HDF5 file to --initial-state")
        }
        do {
            let file = try HDF5File.open(path: path, mode: .readOnly)
            let positions = try components.map { try file.openDataset("particles/position/\($0)").read(Double.self) }
            let velocities = try components.map { try file.openDataset("particles/velocity/\($0)").read(Double.self) }
            let ids = try file.contains("particles/id")
                ? try file.openDataset("particles/id").read(Int64.self)
                : (0..<Int64(positions[0].count)).map { $0 + 1 }
            let lower = try file.openDataset("box/lower").read(Double.self)
            let upper = try file.openDataset("box/upper").read(Double.self)
            guard lower.count == 3, upper.count == 3 else {
                throw InputDataError(path: path, detail: "box/lower and box/upper need 3 values each (x, y, z), found \(lower.count) and \(upper.count)")
            }
            let state = ParticleState(
                ids: ids, x: positions[0], y: positions[1], z: positions[2],
                vx: velocities[0], vy: velocities[1], vz: velocities[2],
                box: SimulationBox(lower: SIMD3(lower[0], lower[1], lower[2]), upper: SIMD3(upper[0], upper[1], upper[2])))
            try state.validate()
            return state
        } catch let error as InputDataError {
            throw error
        } catch let error as MDConfigurationError {
            throw InputDataError(path: path, detail: "invalid initial state: \(error.field) is \(error.value), expected \(error.expected)")
        } catch {
            throw InputDataError(path: path, detail: "cannot read the initial state (expected the layout of '\(ProgramName.current) run --help', option --initial-state): \(error)")
        }
    }

    /// Writes `state` at `path` in the layout above, replacing any file there.
    static func write(_ state: ParticleState, path: String) throws {
        let file = try HDF5File.create(path: path)
        _ = try file.createDataset("particles/id", values: state.ids, shape: [state.count])
        for (component, values) in zip(components, [state.x, state.y, state.z]) {
            _ = try file.createDataset("particles/position/\(component)", values: values, shape: [state.count])
        }
        for (component, values) in zip(components, [state.vx, state.vy, state.vz]) {
            _ = try file.createDataset("particles/velocity/\(component)", values: values, shape: [state.count])
        }
        let lower = state.box.lower, upper = state.box.upper
        _ = try file.createDataset("box/lower", values: [lower.x, lower.y, lower.z], shape: [3])
        _ = try file.createDataset("box/upper", values: [upper.x, upper.y, upper.z], shape: [3])
        try file.close()
    }
}

/// An input data file that `simrun` cannot use. It exits with code 65.
struct InputDataError: Error, CustomStringConvertible, Sendable, Equatable {
    var path: String
    var detail: String

    var description: String { "\(path): \(detail)" }
}
