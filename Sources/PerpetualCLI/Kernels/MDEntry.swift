import Foundation
import PerpetualCheckpoint
import PerpetualCore
import PerpetualMD

/// The `md` kernel: Lennard-Jones molecular dynamics in reduced units.
enum MDEntry {
    static let entry = KernelEntry(
        name: "md",
        summary: "Lennard-Jones molecular dynamics (reduced units; defaults are LAMMPS's in.lj set-up)",
        options: options,
        required: ["seed"],
        make: { try makeKernel($0) },
        makeWithCommunicator: { try makeKernel($0, communicator: $1) },
        summarize: summarize
    )

    static let options: [OptionSpec] = [
        OptionSpec("cells", value: "N", default: "20", role: .physics,
                   help: "fcc unit cells per box edge; the lattice has 4·N³ atoms (20 gives 32,000)."),
        OptionSpec("steps", value: "N", default: "100", role: .physics,
                   help: "Time steps of the whole job."),
        OptionSpec("seed", value: "S", role: .physics,
                   help: "Random seed of the initial velocities and the Langevin forces, an integer in 0...2^64-1 (required)."),
        OptionSpec("density", value: "RHO", default: "0.8442", role: .physics,
                   help: "Number density of the fcc lattice in atoms per σ³."),
        OptionSpec("temperature", value: "T", default: "1.44", role: .physics,
                   help: "Initial temperature of the lattice velocities (zero total momentum), and the Langevin target, in ε/k_B."),
        OptionSpec("cutoff", value: "RC", default: "2.5", role: .physics,
                   help: "Pair cutoff in σ."),
        OptionSpec("shift-energy", value: nil, role: .physics,
                   help: "Shift the pair energy to zero at the cutoff (forces are unchanged)."),
        OptionSpec("dt", value: "DT", default: "0.005", role: .physics,
                   help: "Time step in τ."),
        OptionSpec("thermostat", value: "NAME", default: "none", role: .physics,
                   help: "none (constant energy, NVE) or langevin (friction and random forces at --temperature)."),
        OptionSpec("damping", value: "TIME", default: "1.0", role: .physics,
                   help: "Langevin damping time in τ."),
        OptionSpec("skin", value: "S", default: "0.3", role: .physics,
                   help: "Neighbour-list skin in σ: the list contains pairs closer than cutoff + S."),
        OptionSpec("neighbor-every", value: "N", default: "1", role: .physics,
                   help: "Consider a neighbour-list rebuild every N steps since the last one (LAMMPS's neigh_modify delay 0 every N)."),
        OptionSpec("neighbor-check", value: "yes|no", default: "yes", role: .physics,
                   help: "yes: rebuild only when an atom has moved more than skin/2 since the last build; no: rebuild at every considered step, which may miss pairs (in.lj uses every 20, check no)."),
        OptionSpec("thermo-every", value: "N", default: "100", role: .physics,
                   help: "Steps between thermo rows (temperature, energies per atom, pressure) in the trace; the last step always adds one."),
        OptionSpec("force-loop", value: "NAME", default: "simd", role: .physics,
                   help: "simd (SIMD lanes over neighbours) or scalar (reference loop, slower; results agree to round-off)."),
        OptionSpec("initial-state", value: "FILE", role: .physics,
                   help: "HDF5 file of positions and velocities to start from instead of the lattice: /particles/position/{x,y,z} and /particles/velocity/{x,y,z} (float64 [N]), optional /particles/id (int64 [N]), /box/lower and /box/upper (float64 [3]). Needed again, unchanged, on resume: the checkpoint stores a fingerprint of the state and a resume rejects a changed file."),
    ]

    /// Reads the MD settings from resolved option values.
    /// - Throws: ``UsageError`` naming the option and value when one is invalid.
    static func configuration(_ values: OptionValues) throws -> MDConfiguration {
        var configuration = MDConfiguration(
            cells: try values.integer("cells", in: 1...1024),
            steps: try values.integer("steps", in: 1...Int(Int32.max)),
            seed: try values.unsigned64("seed"))
        let positive = "a positive number"
        configuration.density = try values.double("density", expectation: positive) { $0 > 0 }
        configuration.temperature = try values.double("temperature", expectation: "a number ≥ 0") { $0 >= 0 }
        configuration.cutoff = try values.double("cutoff", expectation: positive) { $0 > 0 }
        configuration.shiftEnergy = values["shift-energy"] == "true"
        configuration.timestep = try values.double("dt", expectation: positive) { $0 > 0 }
        let thermostat = try values.choice("thermostat", among: MDConfiguration.Thermostat.allCases.map(\.rawValue))
        configuration.thermostat = MDConfiguration.Thermostat(rawValue: thermostat)!
        configuration.damping = try values.double("damping", expectation: positive) { $0 > 0 }
        configuration.skin = try values.double("skin", expectation: "a number ≥ 0") { $0 >= 0 }
        configuration.neighborEvery = try values.integer("neighbor-every", in: 1...Int(Int32.max))
        configuration.neighborCheck = try values.choice("neighbor-check", among: ["yes", "no"]) == "yes"
        configuration.thermoEvery = try values.integer("thermo-every", in: 1...Int(Int32.max))
        let loop = try values.choice("force-loop", among: MDConfiguration.ForceLoop.allCases.map(\.rawValue))
        configuration.forceLoop = MDConfiguration.ForceLoop(rawValue: loop)!
        return configuration
    }

    /// Builds this rank's kernel from the lattice or from `--initial-state`;
    /// every rank reads the whole initial state. Collective over `communicator`.
    /// - Throws: ``UsageError`` for invalid settings, ``InputDataError`` for
    ///   an initial-state file that cannot be used.
    static func makeKernel(_ values: OptionValues, communicator: any Communicator = SingleProcessCommunicator()) throws -> MDKernel {
        let configuration = try configuration(values)
        if let path = values["initial-state"] {
            // A resume builds the kernel again from this file before it
            // restores the checkpoint, so the file must still exist then. The
            // restore compares the state's fingerprint with the stored one.
            let state = try MDInitialStateFile.read(path: path)
            do {
                return try MDKernel(configuration: configuration, initialState: state, communicator: communicator)
            } catch let error as MDConfigurationError {
                throw UsageError("the settings do not fit the initial state in \(path): \(error)", command: "run")
            }
        }
        do {
            return try MDKernel(configuration: configuration, communicator: communicator)
        } catch let error as MDConfigurationError {
            throw UsageError("invalid MD settings \(boxOptions(values)): \(error)", command: "run")
        }
    }

    /// Returns the options that set the box and the neighbour radius, as
    /// given, so that a box error names the values to change.
    static func boxOptions(_ values: OptionValues) -> String {
        ["cells", "density", "cutoff", "skin"].map { "--\($0) \(values[$0] ?? "?")" }.joined(separator: ", ")
    }

    /// Summarises the thermo trace: first and last rows and the total-energy
    /// change between them.
    @Sendable
    static func summarize(_ tracePath: String) throws -> [String] {
        let trace = try TraceFile.read(path: tracePath)
        let steps = trace.values(of: "step")
        let energies = trace.values(of: "total_energy")
        let temperatures = trace.values(of: "temperature")
        let pressures = trace.values(of: "pressure")
        guard let last = steps.indices.last else { return [] }
        var lines = [String(format: "step %.0f: temperature %.6f, total energy per atom %.8f, pressure %.6f",
                            steps[last], temperatures[last], energies[last], pressures[last])]
        if last > 0 {
            lines.append(String(format: "total energy per atom changed by %.3e from step %.0f to step %.0f",
                                energies[last] - energies[0], steps[0], steps[last]))
        }
        return lines
    }
}
