#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import PerpetualCore

/// Runs several MCMC chains on one posterior as a checkpointable ``Kernel``.
///
/// One step is one iteration of every chain. The first
/// ``MCMCConfiguration/warmup`` steps adapt the sampler and return no trace
/// row. Each later step returns one row with a draw and its statistics per
/// chain (see ``traceSchema``).
///
/// Random numbers: iteration `i` of chain `c` uses a fresh
/// `CounterRNG(seed: seed, stream: UInt32(c), step: UInt64(i))`, so every draw
/// depends only on the seed, the chain and the iteration. The initial point
/// is drawn uniformly from (-2, 2) in every unconstrained coordinate, as
/// Stan does, from the reserved step ``initializationStep``; so is the
/// initial NUTS step size.
///
/// In a job of several ranks each rank runs the chains of its
/// ``BlockPartition`` share, ``chainIDs``, and its state and trace rows hold
/// only those chains; because every draw depends only on the global chain
/// id, any rank count gives the same draws.
public final class MCMCKernel: Kernel {
    /// Step index of the random-number streams used before iteration 0.
    public static let initializationStep = UInt64.max
    /// Attempts at a finite initial point before the kernel gives up, as in Stan.
    static let initializationAttempts = 100
    /// Half-width of the uniform initialisation interval (-2, 2).
    static let initializationRadius = 2.0

    public let configuration: MCMCConfiguration
    /// Global ids of the chains this kernel runs: all of them for one rank.
    public let chainIDs: Range<Int>
    let model: any LogDensityModel
    let schedule: WarmupSchedule
    /// States of the chains in ``chainIDs``, in order.
    var chains: [ChainState]
    public internal(set) var completedSteps = 0
    /// Iteration at which ``completeEarly()`` ended the run, or `nil` when it
    /// runs to its configured draws.
    public internal(set) var finalIteration: Int?

    public var kernelName: String { "mcmc" }
    /// `warmup + draws`, or ``finalIteration`` after an early end.
    public var totalSteps: Int { finalIteration ?? configuration.warmup + configuration.draws }
    public var dimension: Int { model.dimension }

    /// Creates a kernel on the built-in model that the configuration names.
    /// - Throws: ``MCMCConfigurationError`` for an invalid configuration,
    ///   ``MCMCDataError`` when the model's bundled data cannot be read.
    public convenience init(configuration: MCMCConfiguration) throws {
        try self.init(configuration: configuration, rank: 0, rankCount: 1)
    }

    /// Creates the kernel of rank `rank` of `rankCount` on the built-in model
    /// that the configuration names; it runs that rank's ``BlockPartition``
    /// share of the chains, possibly none. Traps unless `0 ≤ rank < rankCount`.
    /// - Throws: as ``init(configuration:)``.
    public convenience init(configuration: MCMCConfiguration, rank: Int, rankCount: Int) throws {
        try configuration.validate()
        let model = try MCMCModelCatalog.model(named: configuration.model)
        let share = BlockPartition(count: configuration.chains, rank: rank, size: rankCount).range
        try self.init(validatedConfiguration: configuration, model: model, chainIDs: share)
    }

    /// Creates a kernel on a caller's model. `configuration.model` is only a
    /// label here and need not be a built-in name; every other field is
    /// validated.
    /// - Throws: ``MCMCConfigurationError`` for an invalid field, or when no
    ///   finite log density was found at 100 initial points.
    public convenience init(configuration: MCMCConfiguration, model: any LogDensityModel) throws {
        var check = configuration
        check.model = MCMCModelCatalog.names[0]
        try check.validate()
        try self.init(validatedConfiguration: configuration, model: model, chainIDs: 0..<configuration.chains)
    }

    private init(validatedConfiguration configuration: MCMCConfiguration, model: any LogDensityModel, chainIDs: Range<Int>) throws {
        precondition(model.dimension > 0, "LogDensityModel.dimension must be positive, got \(model.dimension)")
        self.configuration = configuration
        self.chainIDs = chainIDs
        self.model = model
        self.schedule = WarmupSchedule(warmup: configuration.warmup)
        self.chains = []
        for chain in chainIDs {
            chains.append(try initialState(chain: chain))
        }
    }

    var usesNUTS: Bool { configuration.sampler == "nuts" }

    /// Draws the initial point of `chain` and sets the initial step size.
    private func initialState(chain: Int) throws -> ChainState {
        var rng = CounterRNG(seed: configuration.seed, stream: UInt32(chain), step: Self.initializationStep)
        let dimension = model.dimension
        var position = [Double](repeating: 0, count: dimension)
        var gradient = [Double](repeating: 0, count: dimension)
        var logDensity = -Double.infinity
        var found = false
        for _ in 0..<Self.initializationAttempts {
            for index in 0..<dimension {
                position[index] = Self.initializationRadius * (2 * rng.nextUniform() - 1)
            }
            if usesNUTS {
                logDensity = model.logDensity(at: position, gradient: &gradient)
                found = logDensity.isFinite && gradient.allSatisfy(\.isFinite)
            } else {
                logDensity = model.logDensity(at: position)
                found = logDensity.isFinite
            }
            if found { break }
        }
        guard found else {
            throw MCMCConfigurationError(
                field: "model", value: configuration.model,
                expected: "a log density that is finite at some point of (-2, 2)^\(dimension); \(Self.initializationAttempts) uniform initial points of chain \(chain) all failed")
        }

        var state = ChainState(
            position: position, logDensity: logDensity, gradient: gradient, stepSize: 1,
            dualAveraging: DualAveraging(shrinkageTarget: 0),
            inverseMetric: [Double](repeating: 1, count: dimension),
            varianceEstimator: WelfordVariance(dimension: dimension))
        if usesNUTS {
            // Stan centres dual averaging on log(10 ε) for the nominal ε = 1,
            // then runs its step-size heuristic.
            state.dualAveraging = DualAveraging(shrinkageTarget: log(10 * state.stepSize))
            state.stepSize = nuts.initialStepSize(for: state, startingAt: state.stepSize, rng: &rng)
        } else {
            state.stepSize = RandomWalkMetropolis.initialScale(dimension: dimension)
        }
        return state
    }

    var nuts: NoUTurnSampler { NoUTurnSampler(model: model, maxTreeDepth: configuration.maxTreeDepth) }
    var randomWalk: RandomWalkMetropolis { RandomWalkMetropolis(model: model) }

    /// Runs one iteration of every chain. Returns `nil` during warm-up and
    /// one trace row afterwards. Traps when called after the last step.
    public func advanceStep() throws -> [Double]? {
        precondition(!isComplete, "MCMCKernel.advanceStep() called after all \(totalSteps) steps; check isComplete before advancing")
        let iteration = completedSteps
        let isWarmup = iteration < configuration.warmup
        var statistics: [TransitionStatistics] = []
        statistics.reserveCapacity(chains.count)

        for chain in chains.indices {
            let stream = UInt32(chainIDs.lowerBound + chain)
            var rng = CounterRNG(seed: configuration.seed, stream: stream, step: UInt64(iteration))
            let transition = usesNUTS
                ? nuts.transition(&chains[chain], rng: &rng)
                : randomWalk.transition(&chains[chain], rng: &rng)
            statistics.append(transition)
            if isWarmup {
                adapt(chain: chain, iteration: iteration, acceptance: transition.acceptanceRate, rng: &rng)
            }
        }

        completedSteps += 1
        return isWarmup ? nil : traceRow(statistics)
    }

    /// Adapts the step size (or proposal scale) and the metric (or proposal
    /// variances) of `chain` after warm-up iteration `iteration`.
    private func adapt(chain index: Int, iteration: Int, acceptance: Double, rng: inout CounterRNG) {
        var chain = chains[index]
        if usesNUTS {
            chain.stepSize = chain.dualAveraging.update(acceptance: acceptance, target: configuration.targetAcceptance)
        } else {
            RandomWalkMetropolis.adaptScale(of: &chain, acceptance: acceptance)
        }

        if schedule.collects(iteration) {
            chain.varianceEstimator.add(chain.position)
        }
        if schedule.endsWindow(iteration) {
            chain.inverseMetric = chain.varianceEstimator.regularisedVariance()
            chain.varianceEstimator.reset()
            if usesNUTS {
                chain.stepSize = nuts.initialStepSize(for: chain, startingAt: chain.stepSize, rng: &rng)
                chain.dualAveraging.restart(shrinkageTarget: log(10 * chain.stepSize))
            } else {
                // Keep the current scale but restart the Robbins-Monro gain at 1.
                chain.dualAveraging.counter = 0
            }
        }
        if usesNUTS && iteration == configuration.warmup - 1 {
            chain.stepSize = chain.dualAveraging.finalStepSize
        }
        chains[index] = chain
    }

    public var progressNote: String? {
        let phase = completedSteps < configuration.warmup ? "warm-up" : "sampling"
        if chains.isEmpty { return phase }
        let meanStepSize = chains.reduce(0) { $0 + $1.stepSize } / Double(chains.count)
        let label = usesNUTS ? "mean step size" : "mean proposal scale"
        let rounded = (meanStepSize * 1000).rounded() / 1000
        return "\(phase), \(label) \(rounded)"
    }
}
