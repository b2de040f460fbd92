/// Draws of one scalar quantity from several chains of equal length, stored
/// chain after chain: draw `d` of chain `c` is `values[c * drawCount + d]`.
public struct ChainMatrix: Sendable, Equatable {
    public let chainCount: Int
    public let drawCount: Int
    public let values: [Double]

    /// Wraps `values`, chain after chain. Traps when the count is not
    /// `chainCount * drawCount`.
    public init(chainCount: Int, drawCount: Int, values: [Double]) {
        precondition(chainCount >= 0 && drawCount >= 0 && values.count == chainCount * drawCount,
                     "ChainMatrix of \(chainCount) chains × \(drawCount) draws was given \(values.count) values")
        self.chainCount = chainCount
        self.drawCount = drawCount
        self.values = values
    }

    /// Builds the matrix from one array per chain. Traps when the chains
    /// differ in length; validate input with ``DrawSet`` first.
    public init(chains: [[Double]]) {
        let drawCount = chains.first?.count ?? 0
        precondition(chains.allSatisfy { $0.count == drawCount }, "ChainMatrix needs chains of equal length, got \(chains.map(\.count))")
        self.init(chainCount: chains.count, drawCount: drawCount, values: chains.flatMap { $0 })
    }

    /// Draws of chain `chain`.
    public func chain(_ chain: Int) -> ArraySlice<Double> {
        values[(chain * drawCount)..<((chain + 1) * drawCount)]
    }

    /// Splits every chain in halves, as ArviZ's `_split_chains`: the first
    /// `⌊n/2⌋` draws of every chain, then the last `⌊n/2⌋` of every chain. For
    /// an odd `n` the middle draw of each chain is left out.
    func split() -> ChainMatrix {
        let half = drawCount / 2
        var output: [Double] = []
        output.reserveCapacity(2 * chainCount * half)
        for chain in 0..<chainCount {
            let start = chain * drawCount
            output.append(contentsOf: values[start..<(start + half)])
        }
        for chain in 0..<chainCount {
            let end = (chain + 1) * drawCount
            output.append(contentsOf: values[(end - half)..<end])
        }
        return ChainMatrix(chainCount: 2 * chainCount, drawCount: half, values: output)
    }

    /// Returns the same layout with every value replaced by `transform(value)`.
    func map(_ transform: (Double) -> Double) -> ChainMatrix {
        ChainMatrix(chainCount: chainCount, drawCount: drawCount, values: values.map(transform))
    }

    /// Returns the same layout with new values, in the same order.
    func replacingValues(_ newValues: [Double]) -> ChainMatrix {
        ChainMatrix(chainCount: chainCount, drawCount: drawCount, values: newValues)
    }

    /// Mean of each chain.
    func chainMeans() -> [Double] {
        (0..<chainCount).map { index in
            chain(index).reduce(0, +) / Double(drawCount)
        }
    }
}
