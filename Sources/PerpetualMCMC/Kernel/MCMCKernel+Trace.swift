import PerpetualCore

extension MCMCKernel {
    /// Names of the per-chain sampler statistics in the `sample_stats`
    /// group, as ArviZ spells them.
    ///
    /// For random-walk Metropolis, `acceptance_rate` is the acceptance
    /// probability of the proposal, `step_size` the proposal scale,
    /// `tree_depth` 0, `n_steps` 1 (one log-density evaluation), `diverging`
    /// 0, and `energy` the potential energy `-lp`.
    public static let sampleStatisticNames = [
        "lp", "acceptance_rate", "step_size", "tree_depth", "n_steps", "diverging", "energy",
    ]

    /// Trace layout: the model's variables in group `posterior`, then the
    /// sampler statistics in group `sample_stats`, each with a leading
    /// `chain` dimension, partitioned over the ranks (a rank's rows hold its
    /// chains only). Rows accumulate along `draw`.
    public var traceSchema: TraceSchema {
        let chainCount = configuration.chains
        var variables = model.traceVariables.map { variable in
            TraceSchema.Variable(name: variable.name, group: "posterior",
                                 shape: [chainCount] + variable.shape,
                                 dimensions: ["chain"] + variable.dimensions, isPartitioned: true)
        }
        for name in Self.sampleStatisticNames {
            variables.append(TraceSchema.Variable(name: name, group: "sample_stats", shape: [chainCount], dimensions: ["chain"], isPartitioned: true))
        }
        return TraceSchema(variables, rowDimension: "draw")
    }

    /// Returns one trace row in ``traceSchema`` order: each variable for
    /// this kernel's first chain, then its second, and so on.
    func traceRow(_ statistics: [TransitionStatistics]) -> [Double] {
        let perChainValues = chains.map { model.traceValues(at: $0.position) }
        var row: [Double] = []
        row.reserveCapacity(traceSchema.rowLength)

        var offset = 0
        for variable in model.traceVariables {
            let count = variable.valueCount
            for values in perChainValues {
                row.append(contentsOf: values[offset..<(offset + count)])
            }
            offset += count
        }

        row.append(contentsOf: statistics.map(\.logDensity))
        row.append(contentsOf: statistics.map(\.acceptanceRate))
        row.append(contentsOf: statistics.map(\.stepSize))
        row.append(contentsOf: statistics.map { Double($0.treeDepth) })
        row.append(contentsOf: statistics.map { Double($0.stepCount) })
        row.append(contentsOf: statistics.map { $0.isDivergent ? 1 : 0 })
        row.append(contentsOf: statistics.map(\.energy))
        return row
    }
}
