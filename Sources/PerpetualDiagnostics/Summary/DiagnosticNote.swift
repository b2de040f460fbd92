/// An edge case met while summarising a parameter, with the policy applied.
public struct DiagnosticNote: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable {
        /// A draw is NaN or ±Inf: no diagnostic is computed for the parameter.
        case nonFinite = "non_finite"
        /// Fewer than 4 draws per chain: only mean, sd and quantiles are computed.
        case tooFewDraws = "too_few_draws"
        /// One chain: R-hat is undefined, ESS and MCSE are computed.
        case singleChain = "single_chain"
        /// All draws of all chains are equal: R-hat is undefined.
        case constant
        /// Every chain is constant but the chains differ: R-hat is infinite.
        case constantChains = "constant_chains"
        /// Some, not all, chains are constant: they may be stuck.
        case stuckChain = "stuck_chain"
    }

    public var kind: Kind
    /// One sentence naming the chain or draw concerned and the policy applied.
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }
}
