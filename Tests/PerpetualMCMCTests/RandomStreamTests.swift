import Testing
@testable import PerpetualMCMC

@Suite struct RandomStreamTests {
    static let configuration = MCMCConfiguration(model: "eight-schools", draws: 20, seed: 99, chains: 2, warmup: 30)

    @Test func sameSeedSameDraws() throws {
        let first = try KernelRun.run(try MCMCKernel(configuration: Self.configuration))
        let second = try KernelRun.run(try MCMCKernel(configuration: Self.configuration))
        #expect(first.rows.map(bitPatterns) == second.rows.map(bitPatterns))
    }

    @Test func otherSeedOtherDraws() throws {
        var other = Self.configuration
        other.seed = 100
        let first = try KernelRun.run(try MCMCKernel(configuration: Self.configuration))
        let second = try KernelRun.run(try MCMCKernel(configuration: other))
        #expect(first.draws(of: "mu") != second.draws(of: "mu"))
    }

    @Test func chainsDiffer() throws {
        let kernel = try MCMCKernel(configuration: Self.configuration)
        #expect(kernel.chains[0].position != kernel.chains[1].position)
        let run = try KernelRun.run(kernel)
        let mu = run.draws(of: "mu")
        #expect(mu[0] != mu[1])
    }

    @Test func initialPointsLieInsideTwo() throws {
        let kernel = try MCMCKernel(configuration: MCMCConfiguration(model: "logistic-regression", draws: 1, seed: 5, chains: 4, warmup: 0))
        for chain in kernel.chains {
            #expect(chain.position.allSatisfy { $0 > -2 })
            #expect(chain.position.allSatisfy { $0 < 2 })
        }
    }

    @Test func warmupStepsReturnNoRow() throws {
        let kernel = try MCMCKernel(configuration: Self.configuration)
        for _ in 0..<30 {
            #expect(try kernel.advanceStep() == nil)
        }
        let row = try kernel.advanceStep()
        #expect(row?.count == kernel.traceSchema.rowLength)
    }
}
