extension ParameterSummary {
    /// Minimum draws per chain for which ArviZ computes R-hat, ESS and MCSE.
    public static let minimumDraws = 4

    /// Computes every statistic of ``ParameterSummary`` for `matrix`.
    ///
    /// Edge cases follow one policy, and each adds a note:
    /// - a NaN or ±Inf draw: only the counts are set, and the note names the
    ///   first such draw by `chainLabels` and `drawLabel(chain, draw)`;
    /// - fewer than 4 draws per chain: mean, sd, median and quantiles only;
    /// - one chain: R-hat stays `nil`;
    /// - all draws equal: R-hat stays `nil`, ESS is the split draw count and
    ///   every MCSE is 0 (ArviZ returns NaN for the MCSE of the sd here);
    /// - every chain constant, chains different: R-hat is `+inf`;
    /// - some chains constant: a note names them, the numbers are ArviZ's.
    ///
    /// With `standardErrors` false the MCSEs stay `nil`, which saves two ESS
    /// computations and three Beta quantiles; R-hat and the ESSs are the same.
    public static func compute(name: String, matrix: ChainMatrix,
                               chainLabels: [String]? = nil,
                               drawLabel: ((Int, Int) -> String)? = nil,
                               standardErrors: Bool = true) -> ParameterSummary {
        var summary = ParameterSummary(name: name, chainCount: matrix.chainCount, drawCount: matrix.drawCount)
        let chainName = { (chain: Int) -> String in chainLabels?[chain] ?? String(chain) }
        if let (chain, draw) = firstNonFinite(matrix) {
            let value = matrix.values[chain * matrix.drawCount + draw]
            let label = drawLabel?(chain, draw) ?? String(draw)
            summary.notes.append(DiagnosticNote(.nonFinite, "chain \(chainName(chain)), draw \(label) is \(value); no statistic is computed for '\(name)'"))
            return summary
        }
        if matrix.values.isEmpty { return summary }

        let order = SortedOrder(matrix.values)
        let sorted = order.values
        summary.setMoments(matrix.values, sorted: sorted)
        guard matrix.drawCount >= minimumDraws else {
            summary.notes.append(DiagnosticNote(.tooFewDraws, "'\(name)' has \(matrix.drawCount) draws per chain; R-hat, ESS and MCSE need at least \(minimumDraws)"))
            return summary
        }
        if sorted.first == sorted.last {
            summary.setConstant(matrix, value: sorted[0])
            return summary
        }

        // The split chains and their rank-normalised values serve both bulk
        // ESS and bulk R-hat; each quantile's ESS serves tail ESS and its MCSE.
        // With an even draw count the split chains contain every draw once,
        // so their ranks are those of all draws: the one sort above serves
        // the bulk ranks and, folded about the median, the tail ranks.
        let split = matrix.split()
        let splitOrder = matrix.drawCount % 2 == 0 ? nil : SortedOrder(split.values)
        let splitZScores = splitOrder.map { split.replacingValues(RankNormalization.zScores($0)) }
            ?? matrix.replacingValues(RankNormalization.zScores(order)).split()
        let median = summary.median ?? 0
        let tailZScores = { () -> ChainMatrix in
            guard let splitOrder else {
                return matrix.replacingValues(RankNormalization.zScores(order.folded(about: median))).split()
            }
            let splitMedian = SampleQuantile.median(sorted: splitOrder.values)
            return split.replacingValues(RankNormalization.zScores(splitOrder.folded(about: splitMedian)))
        }
        let ess05 = EffectiveSampleSize.ofQuantile(matrix, sorted: sorted, probability: 0.05)
        let ess95 = EffectiveSampleSize.ofQuantile(matrix, sorted: sorted, probability: 0.95)
        summary.essBulk = EffectiveSampleSize.of(splitZScores)
        summary.essTail = EffectiveSampleSize.pythonMinimum(ess05, ess95)
        summary.setRHat(matrix, splitZScores: splitZScores, tailZScores: tailZScores, chainName: chainName)
        guard standardErrors else { return summary }

        let ess50 = EffectiveSampleSize.ofQuantile(matrix, sorted: sorted, probability: 0.5)
        summary.mcseMean = MonteCarloStandardError.ofMean(matrix)
        summary.mcseSD = MonteCarloStandardError.ofStandardDeviation(matrix)
        summary.mcseMedian = MonteCarloStandardError.ofQuantile(sorted: sorted, probability: 0.5, ess: ess50)
        summary.mcseQuantile05 = MonteCarloStandardError.ofQuantile(sorted: sorted, probability: 0.05, ess: ess05)
        summary.mcseQuantile95 = MonteCarloStandardError.ofQuantile(sorted: sorted, probability: 0.95, ess: ess95)
        return summary
    }

    private static func firstNonFinite(_ matrix: ChainMatrix) -> (chain: Int, draw: Int)? {
        guard let index = matrix.values.firstIndex(where: { !$0.isFinite }) else { return nil }
        return (index / matrix.drawCount, index % matrix.drawCount)
    }

    private mutating func setMoments(_ values: [Double], sorted: [Double]) {
        mean = SampleStatistics.mean(values)
        if values.count > 1 {
            sd = SampleStatistics.variance(values, ddof: 1).squareRoot()
        }
        median = SampleQuantile.median(sorted: sorted)
        quantile05 = SampleQuantile.of(sorted: sorted, probability: 0.05)
        quantile95 = SampleQuantile.of(sorted: sorted, probability: 0.95)
    }

    private mutating func setConstant(_ matrix: ChainMatrix, value: Double) {
        let splitSize = Double(2 * matrix.chainCount * (matrix.drawCount / 2))
        essBulk = splitSize
        essTail = splitSize
        mcseMean = 0
        mcseSD = 0
        mcseMedian = 0
        mcseQuantile05 = 0
        mcseQuantile95 = 0
        notes.append(DiagnosticNote(.constant, "every draw of '\(name)' equals \(value); R-hat is undefined, ESS is the draw count and MCSE is 0"))
    }

    /// Sets bulk and tail R-hat; `tailZScores` returns the rank-normalised
    /// split chains folded about their median and runs only when needed.
    private mutating func setRHat(_ matrix: ChainMatrix, splitZScores: ChainMatrix, tailZScores: () -> ChainMatrix,
                                  chainName: (Int) -> String) {
        let constantChains = (0..<matrix.chainCount).filter { chain in
            let draws = matrix.chain(chain)
            return draws.allSatisfy { $0 == draws.first }
        }
        if matrix.chainCount < 2 {
            notes.append(DiagnosticNote(.singleChain, "'\(name)' has one chain; R-hat needs at least 2"))
            return
        }
        if constantChains.count == matrix.chainCount {
            rhat = .infinity
            rhatBulk = .infinity
            rhatTail = .infinity
            notes.append(DiagnosticNote(.constantChains, "every chain of '\(name)' is constant but the chains differ; R-hat is infinite"))
            return
        }
        if !constantChains.isEmpty {
            let names = constantChains.map(chainName).joined(separator: ", ")
            notes.append(DiagnosticNote(.stuckChain, "chain \(names) of '\(name)' never moves; the sampler may be stuck there"))
        }
        let bulk = PotentialScaleReduction.classic(splitZScores)
        let tail = PotentialScaleReduction.classic(tailZScores())
        rhatBulk = bulk
        rhatTail = tail
        rhat = tail > bulk ? tail : bulk
    }
}
