import PerpetualCore

/// Checkpoint state of ``MCMCKernel``.
///
/// Entries (C chains, d unconstrained coordinates):
///
/// | name | type, shape | meaning |
/// | --- | --- | --- |
/// | `iteration` | int64 | completed iterations, also the RNG step of the next one |
/// | `final_iteration` | int64, optional | the iteration at which ``completeEarly()`` ended the run; absent for a run to its configured draws |
/// | `configuration/model`, `configuration/sampler` | string | must match on restore |
/// | `configuration/chains`, `configuration/warmup`, `configuration/draws`, `configuration/dimension` | int64 | must match on restore |
/// | `rng/seed` | uint64 [1] | Philox key of every chain's stream; must match |
/// | `rng/streams` | uint32 [C] | stream id of each chain, `0..<C` |
/// | `chains/position` | float64 [C, d] | current points |
/// | `chains/log_density` | float64 [C] | log density at the points |
/// | `chains/gradient` | float64 [C, d] | its gradient (NUTS only) |
/// | `chains/step_size` or `chains/proposal_scale` | float64 [C] | NUTS step size or RWM scale |
/// | `chains/inverse_metric` or `chains/proposal_variance` | float64 [C, d] | NUTS metric or RWM variances |
/// | `adaptation/dual_averaging/{counter, average_error, average_log_step_size, shrinkage_target}` | float64 [C] | NUTS step-size adaptation; RWM uses only `counter`, the Robbins-Monro iteration count |
/// | `adaptation/variance/count` | int64 [C] | draws in the current metric window |
/// | `adaptation/variance/{mean, sum_of_squares}` | float64 [C, d] | Welford accumulators |
///
/// The RNG needs no position: each iteration creates its generators anew
/// from the seed, the stream and the iteration. The warm-up window plan is
/// recomputed from `configuration/warmup`.
///
/// Every array with a leading C axis is partitioned over the ranks: a
/// kernel captures only the rows of its ``chainIDs``, and restores from any
/// state whose rows include them, a share or the whole array.
extension MCMCKernel {
    private var stepSizeEntry: String { usesNUTS ? "chains/step_size" : "chains/proposal_scale" }
    private var metricEntry: String { usesNUTS ? "chains/inverse_metric" : "chains/proposal_variance" }

    public func captureState() -> KernelState {
        let partition = StateArray.Partition(globalRows: configuration.chains, offset: chainIDs.lowerBound)
        let matrixShape = [chains.count, dimension]
        let vectorShape = [chains.count]
        func rows(_ values: [Double], _ shape: [Int]) -> StateValue {
            .array(StateArray(.float64(values), shape: shape, partition: partition))
        }
        var state = KernelState()
        state["iteration"] = .int64(Int64(completedSteps))
        if let finalIteration {
            state["final_iteration"] = .int64(Int64(finalIteration))
        }
        state["configuration/model"] = .string(configuration.model)
        state["configuration/sampler"] = .string(configuration.sampler)
        state["configuration/chains"] = .int64(Int64(configuration.chains))
        state["configuration/warmup"] = .int64(Int64(configuration.warmup))
        state["configuration/draws"] = .int64(Int64(configuration.draws))
        state["configuration/dimension"] = .int64(Int64(dimension))
        state["rng/seed"] = .array(StateArray(uint64: [configuration.seed]))
        state["rng/streams"] = .array(StateArray(.uint32(chainIDs.map(UInt32.init)), shape: vectorShape, partition: partition))

        state["chains/position"] = rows(chains.flatMap(\.position), matrixShape)
        state["chains/log_density"] = rows(chains.map(\.logDensity), vectorShape)
        if usesNUTS {
            state["chains/gradient"] = rows(chains.flatMap(\.gradient), matrixShape)
        }
        state[stepSizeEntry] = rows(chains.map(\.stepSize), vectorShape)
        state[metricEntry] = rows(chains.flatMap(\.inverseMetric), matrixShape)

        state["adaptation/dual_averaging/counter"] = rows(chains.map(\.dualAveraging.counter), vectorShape)
        state["adaptation/dual_averaging/average_error"] = rows(chains.map(\.dualAveraging.averageError), vectorShape)
        state["adaptation/dual_averaging/average_log_step_size"] = rows(chains.map(\.dualAveraging.averageLogStepSize), vectorShape)
        state["adaptation/dual_averaging/shrinkage_target"] = rows(chains.map(\.dualAveraging.shrinkageTarget), vectorShape)
        state["adaptation/variance/count"] = .array(StateArray(.int64(chains.map { Int64($0.varianceEstimator.count) }),
                                                               shape: vectorShape, partition: partition))
        state["adaptation/variance/mean"] = rows(chains.flatMap(\.varianceEstimator.mean), matrixShape)
        state["adaptation/variance/sum_of_squares"] = rows(chains.flatMap(\.varianceEstimator.sumOfSquares), matrixShape)
        return state
    }

    /// Replaces the chains and the iteration counter by `state`.
    ///
    /// Every entry is checked before anything changes: configuration entries
    /// must equal this kernel's, arrays must have the listed type and shape,
    /// points, densities and accumulators must be finite, and step sizes,
    /// metrics and variances positive.
    /// - Throws: ``KernelStateError`` naming the first bad entry.
    public func restoreState(_ state: KernelState) throws {
        let chainCount = configuration.chains
        let share = chainIDs
        let d = dimension

        // Configuration and random-number identity.
        let iteration = try state.int64("iteration")
        guard iteration >= 0, iteration <= Int64(totalSteps) else {
            throw KernelStateError(.invalidValue, entry: "iteration", detail: "\(iteration) is outside 0...\(totalSteps)")
        }
        let restoredFinalIteration = try finalIteration(in: state, iteration: iteration)
        try expectEqual(state.string("configuration/model"), configuration.model, entry: "configuration/model")
        try expectEqual(state.string("configuration/sampler"), configuration.sampler, entry: "configuration/sampler")
        try expectEqual(state.int64("configuration/chains"), Int64(chainCount), entry: "configuration/chains")
        try expectEqual(state.int64("configuration/warmup"), Int64(configuration.warmup), entry: "configuration/warmup")
        try expectEqual(state.int64("configuration/draws"), Int64(configuration.draws), entry: "configuration/draws")
        try expectEqual(state.int64("configuration/dimension"), Int64(d), entry: "configuration/dimension")
        try expectEqual(state.uint64Array("rng/seed", shape: [1]), [configuration.seed], entry: "rng/seed")
        try expectEqual(state.uint32Array("rng/streams", shape: [chainCount], rows: share), share.map(UInt32.init), entry: "rng/streams")

        // Chain positions and sampler parameters.
        let positions = try state.finiteArray("chains/position", shape: [chainCount, d], rows: share)
        let logDensities = try state.finiteArray("chains/log_density", shape: [chainCount], rows: share)
        let gradients = usesNUTS
            ? try state.finiteArray("chains/gradient", shape: [chainCount, d], rows: share)
            : [Double](repeating: 0, count: share.count * d)
        let stepSizes = try state.finiteArray(stepSizeEntry, shape: [chainCount], rows: share, positive: true)
        let metrics = try state.finiteArray(metricEntry, shape: [chainCount, d], rows: share, positive: true)

        // Adaptation accumulators.
        let counters = try state.finiteArray("adaptation/dual_averaging/counter", shape: [chainCount], rows: share)
        let averageErrors = try state.finiteArray("adaptation/dual_averaging/average_error", shape: [chainCount], rows: share)
        let averageLogSteps = try state.finiteArray("adaptation/dual_averaging/average_log_step_size", shape: [chainCount], rows: share)
        let shrinkageTargets = try state.finiteArray("adaptation/dual_averaging/shrinkage_target", shape: [chainCount], rows: share)
        if let bad = counters.first(where: { $0 < 0 || $0 > Double(iteration) }) {
            throw KernelStateError(.invalidValue, entry: "adaptation/dual_averaging/counter", detail: "\(bad) is outside 0...\(iteration)")
        }
        let counts = try state.int64Array("adaptation/variance/count", shape: [chainCount], rows: share)
        if let bad = counts.first(where: { $0 < 0 || $0 > iteration }) {
            throw KernelStateError(.invalidValue, entry: "adaptation/variance/count", detail: "\(bad) is outside 0...\(iteration)")
        }
        let means = try state.finiteArray("adaptation/variance/mean", shape: [chainCount, d], rows: share)
        let sumsOfSquares = try state.finiteArray("adaptation/variance/sum_of_squares", shape: [chainCount, d], rows: share)
        if let bad = sumsOfSquares.first(where: { $0 < 0 }) {
            throw KernelStateError(.invalidValue, entry: "adaptation/variance/sum_of_squares", detail: "\(bad) is negative")
        }

        // Everything is valid: replace the chains.
        chains = (0..<share.count).map { chain in
            let rows = (chain * d)..<((chain + 1) * d)
            var estimator = WelfordVariance(dimension: d)
            estimator.count = Int(counts[chain])
            estimator.mean = Array(means[rows])
            estimator.sumOfSquares = Array(sumsOfSquares[rows])
            var dualAveraging = DualAveraging(shrinkageTarget: shrinkageTargets[chain])
            dualAveraging.counter = counters[chain]
            dualAveraging.averageError = averageErrors[chain]
            dualAveraging.averageLogStepSize = averageLogSteps[chain]
            return ChainState(
                position: Array(positions[rows]), logDensity: logDensities[chain], gradient: Array(gradients[rows]),
                stepSize: stepSizes[chain], dualAveraging: dualAveraging, inverseMetric: Array(metrics[rows]),
                varianceEstimator: estimator)
        }
        completedSteps = Int(iteration)
        finalIteration = restoredFinalIteration
    }

    /// Returns the optional `final_iteration` entry after checking that it
    /// lies after warm-up, within the configured draws and not before `iteration`.
    private func finalIteration(in state: KernelState, iteration: Int64) throws -> Int? {
        guard state["final_iteration"] != nil else { return nil }
        let value = try state.int64("final_iteration")
        let configured = Int64(configuration.warmup + configuration.draws)
        guard value > Int64(configuration.warmup), value <= configured, value >= iteration else {
            throw KernelStateError(.invalidValue, entry: "final_iteration",
                                   detail: "\(value) is outside \(max(iteration, Int64(configuration.warmup) + 1))...\(configured)")
        }
        return Int(value)
    }

    private func expectEqual<Value: Equatable>(_ found: Value, _ expected: Value, entry: String) throws {
        guard found == expected else {
            throw KernelStateError(.mismatchedEntry, entry: entry, detail: "the checkpoint has \(found), this kernel's configuration has \(expected)")
        }
    }
}

extension KernelState {
    /// Returns the array `name` after checking its type and global shape;
    /// with `rows`, only those global rows, which the array must hold.
    fileprivate func array(_ name: String, typeName: String, shape: [Int], rows: Range<Int>? = nil) throws -> StateArray {
        guard let value = self[name] else {
            throw KernelStateError(.missingEntry, entry: name, detail: "expected a \(typeName) array of shape \(shape)")
        }
        guard case .array(let array) = value, array.elements.typeName == typeName else {
            throw KernelStateError(.mismatchedEntry, entry: name, detail: "expected a \(typeName) array of shape \(shape)")
        }
        guard array.globalShape == shape else {
            throw KernelStateError(.mismatchedEntry, entry: name, detail: "expected shape \(shape), found \(array.globalShape)")
        }
        guard let rows else { return array }
        let held = array.globalRowRange
        guard held.lowerBound <= rows.lowerBound, rows.upperBound <= held.upperBound else {
            throw KernelStateError(.mismatchedEntry, entry: name, detail: "contains chains \(held), but this rank runs chains \(rows)")
        }
        return array.rows(rows)
    }

    /// Returns the float64 array `name` of `shape` whose elements are all
    /// finite and, when `positive` is set, greater than zero.
    fileprivate func finiteArray(_ name: String, shape: [Int], rows: Range<Int>? = nil, positive: Bool = false) throws -> [Double] {
        guard case .float64(let values) = try array(name, typeName: "float64", shape: shape, rows: rows).elements else {
            preconditionFailure("array(_:typeName:shape:) checked the element type")
        }
        if let index = values.firstIndex(where: { !$0.isFinite }) {
            throw KernelStateError(.invalidValue, entry: name, detail: "element \(index) is \(values[index]), expected a finite number")
        }
        if positive, let index = values.firstIndex(where: { $0 <= 0 }) {
            throw KernelStateError(.invalidValue, entry: name, detail: "element \(index) is \(values[index]), expected a positive number")
        }
        return values
    }

    fileprivate func int64Array(_ name: String, shape: [Int], rows: Range<Int>? = nil) throws -> [Int64] {
        guard case .int64(let values) = try array(name, typeName: "int64", shape: shape, rows: rows).elements else {
            preconditionFailure("array(_:typeName:shape:) checked the element type")
        }
        return values
    }

    fileprivate func uint64Array(_ name: String, shape: [Int]) throws -> [UInt64] {
        guard case .uint64(let values) = try array(name, typeName: "uint64", shape: shape).elements else {
            preconditionFailure("array(_:typeName:shape:) checked the element type")
        }
        return values
    }

    fileprivate func uint32Array(_ name: String, shape: [Int], rows: Range<Int>? = nil) throws -> [UInt32] {
        guard case .uint32(let values) = try array(name, typeName: "uint32", shape: shape, rows: rows).elements else {
            preconditionFailure("array(_:typeName:shape:) checked the element type")
        }
        return values
    }
}
