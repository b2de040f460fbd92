import Foundation
import PerpetualCheckpoint
import PerpetualCore
import PerpetualMCMC

/// The `mcmc` kernel: NUTS or adaptive random-walk Metropolis on built-in models.
enum MCMCEntry {
    static let entry = KernelEntry(
        name: "mcmc",
        summary: "Markov chain Monte Carlo on a built-in posterior",
        options: [
            OptionSpec("model", value: "NAME", default: "eight-schools", role: .physics,
                       help: "Posterior to sample: \(MCMCModelCatalog.names.joined(separator: ", ")).")
            ,
            OptionSpec("sampler", value: "NAME", default: "nuts", role: .physics,
                       help: "nuts (No-U-Turn sampler, needs gradients) or rwm (adaptive random-walk Metropolis)."),
            OptionSpec("chains", value: "N", default: "4", role: .physics,
                       help: "Independent chains, each with its own random-number stream (1 to \(MCMCConfiguration.maxChains))."),
            OptionSpec("draws", value: "N", default: "1000", role: .physics,
                       help: "Draws per chain kept after warm-up."),
            OptionSpec("warmup", value: "N", default: "1000", role: .physics,
                       help: "Warm-up iterations per chain (adaptation; not kept)."),
            OptionSpec("seed", value: "S", role: .physics,
                       help: "Random seed, an integer in 0...2^64-1 (required)."),
            OptionSpec("target-acceptance", value: "P", default: "0.8", role: .physics,
                       help: "Target acceptance statistic of NUTS step-size adaptation (0 < P < 1)."),
            OptionSpec("max-tree-depth", value: "D", default: "10", role: .physics,
                       help: "Largest NUTS tree depth (1 to 30)."),
        ] + ConvergenceStopOptions.all,
        required: ["seed"],
        make: makeKernel,
        makeForRank: makeKernel,
        summarize: summarize
    )

    @Sendable
    static func makeKernel(_ values: OptionValues) throws -> any Kernel {
        try makeKernel(values, rank: 0, rankCount: 1)
    }

    /// Builds the kernel of one rank: it runs that rank's share of the chains.
    @Sendable
    static func makeKernel(_ values: OptionValues, rank: Int, rankCount: Int) throws -> any Kernel {
        var configuration = MCMCConfiguration(
            model: try values.choice("model", among: MCMCModelCatalog.names),
            draws: try values.integer("draws", in: 1...100_000_000),
            seed: try values.unsigned64("seed"))
        configuration.sampler = try values.choice("sampler", among: ["nuts", "rwm"])
        configuration.chains = try values.integer("chains", in: 1...MCMCConfiguration.maxChains)
        configuration.warmup = try values.integer("warmup", in: 0...100_000_000)
        configuration.targetAcceptance = try values.double(
            "target-acceptance", expectation: "a number with 0 < P < 1") { $0 > 0 && $0 < 1 }
        configuration.maxTreeDepth = try values.integer("max-tree-depth", in: 1...30)
        do {
            try configuration.validate()
        } catch {
            throw UsageError("invalid MCMC settings: \(error)", command: "run")
        }
        return try MCMCKernel(configuration: configuration, rank: rank, rankCount: rankCount)
    }

    /// Summarises each scalar posterior quantity: mean and standard deviation
    /// over all chains and draws.
    @Sendable
    static func summarize(_ tracePath: String) throws -> [String] {
        let trace = try TraceFile.read(path: tracePath)
        var lines: [String] = []
        for variable in trace.schema.variables where variable.group == "posterior" {
            let values = trace.values(of: variable.name)
            let components = max(1, variable.shape.dropFirst().reduce(1, *))
            let shown = min(components, 8)
            for component in 0..<shown {
                let samples = stride(from: component, to: values.count, by: components).map { values[$0] }
                let label = components == 1 ? variable.name : "\(variable.name)[\(component)]"
                lines.append(formatMoments(label: label, samples: samples))
            }
            if components > shown {
                lines.append("\(variable.name): \(components - shown) more components in \(tracePath)")
            }
        }
        return lines
    }

    static func formatMoments(label: String, samples: [Double]) -> String {
        let count = Double(samples.count)
        let mean = samples.reduce(0, +) / count
        let variance = samples.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / max(1, count - 1)
        return label.padding(toLength: 16) + String(format: " mean %10.4f  sd %9.4f", mean, variance.squareRoot())
    }
}
