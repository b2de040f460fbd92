import PerpetualCore

/// The checkpoint's particle data as an openPMD 1.1.0 series of one
/// iteration (group-based encoding), so that openPMD readers and h5py users
/// find them at `/data/<step>/particles/atoms/`:
///
/// - records `position/{x,y,z}`, `velocity/{x,y,z}` and `id`: hard links to
///   the datasets of `/state/particles/`, no copy;
/// - record `positionOffset/{x,y,z}`: constant components of value 0,
///   because positions are absolute;
/// - per record `unitDimension` (powers of L, M, T, I, θ, N, J) and
///   `timeOffset` 0, per component `unitSI`;
/// - per iteration `time` = step · dt, `dt` and `timeUnitSI`.
///
/// Values are in reduced Lennard-Jones units (σ, τ), which have no fixed SI
/// size, so every `unitSI` and `timeUnitSI` is 1: a reader must scale by σ
/// and τ of the modelled substance itself.
extension MDKernel {
    static let openPMDSpecies = "atoms"

    func openPMDLayout() -> StateLayout {
        var layout = StateLayout()
        let iteration = "/data/\(completedSteps)"
        let species = "\(iteration)/particles/\(Self.openPMDSpecies)"
        func attribute(_ path: String, _ name: String, _ value: StateLayout.AttributeValue) {
            layout.attributes.append(StateLayout.Attribute(path: path, name: name, value: value))
        }

        // Root attributes of the series. NOTE: `meshesPath` is left out
        // because there are no mesh records; no openPMD reader was run on
        // these files, only the h5py check of the test suite.
        attribute("/", "openPMD", .string("1.1.0"))
        attribute("/", "openPMDextension", .uint32(0))
        attribute("/", "basePath", .string("/data/%T/"))
        attribute("/", "particlesPath", .string("particles/"))
        attribute("/", "iterationEncoding", .string("groupBased"))
        attribute("/", "iterationFormat", .string("/data/%T/"))
        layout.groups = ["/data", iteration, "\(iteration)/particles", species]
        attribute(iteration, "time", .float64(Double(completedSteps) * configuration.timestep))
        attribute(iteration, "dt", .float64(configuration.timestep))
        attribute(iteration, "timeUnitSI", .float64(1))

        // Vector records linked to the state, and the constant offset.
        let length: [Double] = [1, 0, 0, 0, 0, 0, 0]
        let speed: [Double] = [1, 0, -1, 0, 0, 0, 0]
        for (record, entry, dimension) in [("position", "particles/position", length),
                                           ("velocity", "particles/velocity", speed)] {
            let group = "\(species)/\(record)"
            layout.groups.append(group)
            attribute(group, "unitDimension", .float64Array(dimension))
            attribute(group, "timeOffset", .float64(0))
            for component in Self.components {
                layout.links.append(StateLayout.Link(path: "\(group)/\(component)", entry: "\(entry)/\(component)"))
                attribute("\(group)/\(component)", "unitSI", .float64(1))
            }
        }
        let offset = "\(species)/positionOffset"
        layout.groups.append(offset)
        attribute(offset, "unitDimension", .float64Array(length))
        attribute(offset, "timeOffset", .float64(0))
        for component in Self.components {
            layout.groups.append("\(offset)/\(component)")
            attribute("\(offset)/\(component)", "value", .float64(0))
            attribute("\(offset)/\(component)", "shape", .uint64Array([UInt64(atoms.localCount)]))
            attribute("\(offset)/\(component)", "unitSI", .float64(1))
        }

        // Scalar record: the global atom ids.
        layout.links.append(StateLayout.Link(path: "\(species)/id", entry: "particles/id"))
        attribute("\(species)/id", "unitDimension", .float64Array([0, 0, 0, 0, 0, 0, 0]))
        attribute("\(species)/id", "timeOffset", .float64(0))
        attribute("\(species)/id", "unitSI", .float64(1))
        return layout
    }
}
