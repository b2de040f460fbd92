import PerpetualCLI
import PerpetualCore

/// The `gray-scott` kernel's command-line options and how to build it.
enum GrayScottEntry {
    static let entry = KernelEntry(
        name: "gray-scott",
        summary: "Gray-Scott reaction-diffusion on a periodic square grid",
        options: [
            OptionSpec("size", value: "N", default: "128", role: .physics,
                       help: "Cells per side of the grid (8 to 8192)."),
            OptionSpec("iterations", value: "N", default: "5000", role: .physics,
                       help: "Time steps of the whole job."),
            OptionSpec("feed", value: "F", default: "0.060", role: .physics, help: "Feed rate F."),
            OptionSpec("kill", value: "K", default: "0.062", role: .physics, help: "Kill rate k."),
            OptionSpec("diffusion-u", value: "D", default: "0.16", role: .physics,
                       help: "Diffusion coefficient of u, in cells² per time unit."),
            OptionSpec("diffusion-v", value: "D", default: "0.08", role: .physics,
                       help: "Diffusion coefficient of v, in cells² per time unit."),
            OptionSpec("dt", value: "T", default: "1.0", role: .physics,
                       help: "Time step; dt times the larger diffusion coefficient must not exceed 0.25."),
            OptionSpec("seed", value: "S", role: .physics,
                       help: "Seed of the initial perturbation, an integer in 0...2^64-1 (required)."),
            OptionSpec("sample-every", value: "N", default: "100", role: .physics,
                       help: "Steps between two trace rows (mean u and mean v)."),
        ],
        required: ["seed"],
        make: makeKernel
    )

    /// Builds a fresh kernel.
    /// - Throws: ``UsageError`` naming the invalid option and its value.
    @Sendable
    static func makeKernel(_ values: OptionValues) throws -> any Kernel {
        let positive: (Double) -> Bool = { $0 > 0 }
        let configuration = GrayScottConfiguration(
            size: try values.integer("size", in: 8...8192),
            iterations: try values.integer("iterations", in: 1...1_000_000_000),
            feed: try values.double("feed", expectation: "a number ≥ 0") { $0 >= 0 },
            kill: try values.double("kill", expectation: "a number ≥ 0") { $0 >= 0 },
            diffusionU: try values.double("diffusion-u", expectation: "a positive number", isValid: positive),
            diffusionV: try values.double("diffusion-v", expectation: "a positive number", isValid: positive),
            dt: try values.double("dt", expectation: "a positive number", isValid: positive),
            seed: try values.unsigned64("seed"),
            sampleInterval: try values.integer("sample-every", in: 1...1_000_000_000))
        let stability = configuration.dt * max(configuration.diffusionU, configuration.diffusionV)
        guard stability <= 0.25 else {
            throw UsageError("--dt \(configuration.dt) is unstable with diffusion \(max(configuration.diffusionU, configuration.diffusionV)): dt times the larger diffusion coefficient is \(stability), at most 0.25 is stable; give a smaller --dt", command: "run")
        }
        return GrayScottKernel(configuration: configuration)
    }
}
