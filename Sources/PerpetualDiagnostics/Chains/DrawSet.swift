/// Draws of several parameters, one array per chain, as read from a trace,
/// a CSV file or an InferenceData file, before chain lengths are checked.
public struct DrawSet: Sendable, Equatable {
    /// One scalar parameter, for example `theta[3]`.
    public struct Parameter: Sendable, Equatable {
        public var name: String
        /// Draws of each chain, in chain order.
        public var chains: [[Double]]

        public init(name: String, chains: [[Double]]) {
            self.name = name
            self.chains = chains
        }
    }

    /// File or description the draws came from, for messages.
    public var source: String
    public var parameters: [Parameter]
    /// Label of each chain as the input names it (the `chain` column of a
    /// CSV file, the chain index of a trace).
    public var chainLabels: [String]
    /// Label of each draw of each chain as the input names it, or `nil` when
    /// draws are numbered from 0.
    public var drawLabels: [[String]]?

    public init(source: String, parameters: [Parameter], chainLabels: [String], drawLabels: [[String]]? = nil) {
        self.source = source
        self.parameters = parameters
        self.chainLabels = chainLabels
        self.drawLabels = drawLabels
    }

    /// Draws per chain, in chain order (taken from the first parameter; all
    /// parameters of one input have the same chains).
    public var chainLengths: [Int] { parameters.first?.chains.map(\.count) ?? [] }

    /// Returns one ``ChainMatrix`` per parameter.
    ///
    /// - Parameter truncate: when the chains differ in length, cut every
    ///   chain to the shortest instead of throwing.
    /// - Throws: ``DiagnosticsError`` `.raggedChains` naming each chain and its
    ///   length when the lengths differ and `truncate` is false. `.noDraws`
    ///   when there is no parameter or no chain.
    public func matrices(truncate: Bool) throws -> [ChainMatrix] {
        let lengths = chainLengths
        guard !parameters.isEmpty, !lengths.isEmpty else {
            throw DiagnosticsError(.noDraws, source: source, detail: "no parameter with draws was found; check that the file contains posterior draws")
        }
        let shortest = lengths.min()!
        if shortest != lengths.max()!, !truncate {
            let listing = zip(chainLabels, lengths).map { "chain \($0.0): \($0.1) draws" }.joined(separator: ", ")
            throw DiagnosticsError(.raggedChains, source: source,
                                   detail: "the chains have different lengths (\(listing)); pass --truncate to use the first \(shortest) draws of every chain")
        }
        return parameters.map { parameter in
            ChainMatrix(chains: parameter.chains.map { Array($0.prefix(shortest)) })
        }
    }
}
