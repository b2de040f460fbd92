/// Settings of one MCMC job: which posterior, which sampler, how many chains
/// and iterations, and the seed.
///
/// Decoding fills absent optional fields with the defaults of
/// ``init(model:draws:seed:sampler:chains:warmup:targetAcceptance:maxTreeDepth:)``;
/// `model`, `draws` and `seed` are required. Call ``validate()`` before use:
/// ``MCMCKernel`` does so itself.
public struct MCMCConfiguration: Codable, Sendable, Equatable {
    /// Name of a built-in posterior, one of ``MCMCModelCatalog/names``.
    public var model: String
    /// `nuts` (the default) or `rwm` (adaptive random-walk Metropolis).
    public var sampler: String
    /// Independent chains, each with its own random-number stream.
    public var chains: Int
    /// Post-warm-up draws per chain. Each draw is one trace row.
    public var draws: Int
    /// Warm-up iterations per chain. They adapt the sampler and add no trace rows.
    public var warmup: Int
    /// Key of every chain's ``CounterRNG`` stream.
    public var seed: UInt64
    /// Mean acceptance statistic that NUTS step-size adaptation aims at, in
    /// the open interval (0, 1). Random-walk Metropolis ignores it and aims
    /// at 0.234.
    public var targetAcceptance: Double
    /// Maximum depth of a NUTS trajectory tree: at most `2^maxTreeDepth - 1`
    /// leapfrog steps per iteration.
    public var maxTreeDepth: Int

    public static let samplerNames = ["nuts", "rwm"]
    public static let defaultSampler = "nuts"
    public static let defaultChains = 4
    public static let defaultWarmup = 1000
    public static let defaultTargetAcceptance = 0.8
    public static let defaultMaxTreeDepth = 10

    /// Upper limits that keep one job's memory and trajectory length bounded.
    public static let maxChains = 1024
    public static let maxTreeDepthLimit = 30

    public init(
        model: String, draws: Int, seed: UInt64,
        sampler: String = MCMCConfiguration.defaultSampler,
        chains: Int = MCMCConfiguration.defaultChains,
        warmup: Int = MCMCConfiguration.defaultWarmup,
        targetAcceptance: Double = MCMCConfiguration.defaultTargetAcceptance,
        maxTreeDepth: Int = MCMCConfiguration.defaultMaxTreeDepth
    ) {
        self.model = model
        self.sampler = sampler
        self.chains = chains
        self.draws = draws
        self.warmup = warmup
        self.seed = seed
        self.targetAcceptance = targetAcceptance
        self.maxTreeDepth = maxTreeDepth
    }

    private enum CodingKeys: String, CodingKey {
        case model, sampler, chains, draws, warmup, seed, targetAcceptance, maxTreeDepth
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            model: try container.decode(String.self, forKey: .model),
            draws: try container.decode(Int.self, forKey: .draws),
            seed: try container.decode(UInt64.self, forKey: .seed),
            sampler: try container.decodeIfPresent(String.self, forKey: .sampler) ?? Self.defaultSampler,
            chains: try container.decodeIfPresent(Int.self, forKey: .chains) ?? Self.defaultChains,
            warmup: try container.decodeIfPresent(Int.self, forKey: .warmup) ?? Self.defaultWarmup,
            targetAcceptance: try container.decodeIfPresent(Double.self, forKey: .targetAcceptance)
                ?? Self.defaultTargetAcceptance,
            maxTreeDepth: try container.decodeIfPresent(Int.self, forKey: .maxTreeDepth) ?? Self.defaultMaxTreeDepth
        )
    }

    /// Checks every field and throws on the first invalid one.
    ///
    /// - Throws: ``MCMCConfigurationError`` naming the field, the value and
    ///   the valid range or choices.
    public func validate() throws {
        guard MCMCModelCatalog.names.contains(model) else {
            throw MCMCConfigurationError(field: "model", value: model, expected: "one of \(MCMCModelCatalog.names.joined(separator: ", "))")
        }
        guard Self.samplerNames.contains(sampler) else {
            throw MCMCConfigurationError(field: "sampler", value: sampler, expected: "one of \(Self.samplerNames.joined(separator: ", "))")
        }
        guard (1...Self.maxChains).contains(chains) else {
            throw MCMCConfigurationError(field: "chains", value: "\(chains)", expected: "an integer from 1 to \(Self.maxChains)")
        }
        guard draws >= 1 else {
            throw MCMCConfigurationError(field: "draws", value: "\(draws)", expected: "an integer of at least 1")
        }
        guard warmup >= 0 else {
            throw MCMCConfigurationError(field: "warmup", value: "\(warmup)", expected: "an integer of at least 0")
        }
        guard warmup <= Int.max - draws else {
            throw MCMCConfigurationError(field: "warmup", value: "\(warmup)", expected: "a value whose sum with draws (\(draws)) fits in Int")
        }
        guard targetAcceptance > 0, targetAcceptance < 1 else {
            throw MCMCConfigurationError(field: "targetAcceptance", value: "\(targetAcceptance)", expected: "a number strictly between 0 and 1")
        }
        guard (1...Self.maxTreeDepthLimit).contains(maxTreeDepth) else {
            throw MCMCConfigurationError(field: "maxTreeDepth", value: "\(maxTreeDepth)", expected: "an integer from 1 to \(Self.maxTreeDepthLimit)")
        }
    }
}
