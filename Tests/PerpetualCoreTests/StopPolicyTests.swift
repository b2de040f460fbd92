import Testing
import PerpetualCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How long a simulated step takes, as a function of a seed and the step.
enum StepTimeModel: String, CaseIterable, CustomTestStringConvertible, Sendable {
    /// Always 1 ms.
    case fixed
    /// Log-normal with median 1 ms and σ = 0.5 of the logarithm.
    case logNormal
    /// Uniform in 0.2…5 ms.
    case uniform
    /// 1 ms until a step drawn from the seed, 20 ms from then on.
    case jump
    /// 1 ms, except 2 % of steps that take 50 ms.
    case rareSpikes

    var testDescription: String { rawValue }

    func seconds(step: Int, seed: UInt64) -> Double {
        var generator = CounterRNG(seed: seed, stream: 1, step: UInt64(step))
        switch self {
        case .fixed:
            return 0.001
        case .logNormal:
            return 0.001 * exp(0.5 * generator.nextNormal())
        case .uniform:
            return 0.0002 + 0.0048 * generator.nextUniform()
        case .jump:
            var jumpGenerator = CounterRNG(seed: seed, stream: 2, step: 0)
            let jumpStep = 5_000 + Int(jumpGenerator.nextUniform() * 23_000)
            return step < jumpStep ? 0.001 : 0.020
        case .rareSpikes:
            return generator.nextUniform() < 0.02 ? 0.050 : 0.001
        }
    }
}

/// Outcome of one simulated segment on a manual clock.
struct SimulatedSegment {
    var outcome: HarnessOutcome
    /// Clock time when ``Harness/run()`` returned, after the last write.
    var endSeconds: Double
}

/// Runs a fake kernel against one walltime budget that starts at 0 on a
/// manual clock, with simulated step and write times.
func simulateSegment(limitSeconds: Double, policy: any StopPolicy, schedule: CheckpointSchedule,
                     stepSeconds: @escaping (Int) -> Double,
                     writeSeconds: @escaping (Int) -> Double) throws -> SimulatedSegment {
    let clock = ManualClock()
    let kernel = FakeKernel(totalSteps: 100_000_000)
    kernel.clock = clock
    kernel.stepSeconds = stepSeconds
    let sink = MemorySink()
    sink.clock = clock
    sink.writeSeconds = writeSeconds
    let harness = Harness(kernel: kernel, sink: sink,
                          budgets: [WalltimeBudget(limitSeconds: limitSeconds, start: clock.now())],
                          policy: policy, schedule: schedule, clock: clock, progressInterval: .infinity)
    let outcome = try harness.run()
    return SimulatedSegment(outcome: outcome, endSeconds: clock.now())
}

@Suite struct StopPolicyTests {
    @Test("Predictive policy uses 98 % of 30 s", arguments: StepTimeModel.allCases)
    func predictiveUsesThirtySeconds(model: StepTimeModel) throws {
        let limit = 30.0
        for seed in UInt64(0)..<6 {
            for schedule in [CheckpointSchedule.never, CheckpointSchedule(everySeconds: 5)] {
                let segment = try simulateSegment(
                    limitSeconds: limit, policy: PredictivePolicy(), schedule: schedule,
                    stepSeconds: { model.seconds(step: $0, seed: seed) },
                    writeSeconds: { commit in
                        var generator = CounterRNG(seed: seed, stream: 3, step: UInt64(commit))
                        return 0.02 + 0.08 * generator.nextUniform()
                    })

                guard case .stopped(let reason, _) = segment.outcome else {
                    Issue.record("seed \(seed): expected a stop, got \(segment.outcome)")
                    continue
                }
                #expect(reason.reading.name == "walltime", "seed \(seed)")
                #expect(segment.endSeconds <= limit, "seed \(seed), schedule \(schedule)")
                #expect(segment.endSeconds >= 0.98 * limit, "seed \(seed), schedule \(schedule)")
            }
        }
    }

    @Test func predictiveUsesTwentyFourHours() throws {
        let limit = 86_400.0
        for seed in UInt64(0)..<4 {
            let segment = try simulateSegment(
                limitSeconds: limit, policy: PredictivePolicy(), schedule: CheckpointSchedule(everySeconds: 3_600),
                stepSeconds: { step in
                    var generator = CounterRNG(seed: seed, stream: 4, step: UInt64(step))
                    return 5 * exp(0.3 * generator.nextNormal())
                },
                writeSeconds: { commit in
                    var generator = CounterRNG(seed: seed, stream: 5, step: UInt64(commit))
                    return 20 + 40 * generator.nextUniform()
                })

            guard case .stopped = segment.outcome else {
                Issue.record("seed \(seed): expected a stop, got \(segment.outcome)")
                continue
            }
            #expect(segment.endSeconds <= limit, "seed \(seed)")
            #expect(segment.endSeconds >= 0.98 * limit, "seed \(seed)")
        }
    }

    @Test func thresholdStopsAtEightyFivePercent() throws {
        let limit = 30.0
        let stepSeconds = 1.0 / 1024
        let segment = try simulateSegment(limitSeconds: limit, policy: ThresholdPolicy(), schedule: .never,
                                          stepSeconds: { _ in stepSeconds }, writeSeconds: { _ in 0 })

        // Steps are exact binary fractions, so the clock after s steps reads
        // exactly s / 1024 and the first step count reaching 85 % is exact.
        var expectedStep = 0
        while Double(expectedStep) * stepSeconds / limit < 0.85 { expectedStep += 1 }

        guard case .stopped(let reason, _) = segment.outcome else {
            Issue.record("expected a stop, got \(segment.outcome)")
            return
        }
        #expect(reason.trigger == .thresholdReached(threshold: 0.85))
        #expect(reason.step == expectedStep)
        #expect(reason.reading.usedFraction >= 0.85)
        #expect((reason.reading.used - stepSeconds) / limit < 0.85)
    }

    @Test func demandedStopWinsOverTime() {
        let walltime = BudgetReading(name: "walltime", unit: .seconds, used: 1, limit: 100,
                                     secondsLeft: 99, demandsImmediateStop: false)
        let signal = BudgetReading(name: "signal", unit: .signals, used: 1, limit: 1,
                                   secondsLeft: nil, demandsImmediateStop: true)
        for policy in [PredictivePolicy(), ThresholdPolicy()] as [any StopPolicy] {
            #expect(policy.decide([walltime, signal], nextCheckpointBytes: 0) == .stop(readingIndex: 1, trigger: .demandedByBudget))
            #expect(policy.decide([walltime], nextCheckpointBytes: 0) == .proceed)
        }
    }

    @Test func predictionUsesNearestRankPercentile() {
        let mostlyFast = PredictivePolicy()
        for _ in 0..<61 { mostlyFast.recordStep(seconds: 0.001) }
        for _ in 0..<3 { mostlyFast.recordStep(seconds: 0.010) }
        // Rank ⌈0.95 · 64⌉ = 61 of the sorted 64 samples.
        #expect(mostlyFast.predictedStepSeconds() == 0.001)

        let fourSlow = PredictivePolicy()
        for _ in 0..<60 { fourSlow.recordStep(seconds: 0.001) }
        for _ in 0..<4 { fourSlow.recordStep(seconds: 0.010) }
        #expect(fourSlow.predictedStepSeconds() == 0.010)
    }

    @Test func predictionForgetsOldSamples() {
        let policy = PredictivePolicy()
        for _ in 0..<64 { policy.recordStep(seconds: 1) }
        for _ in 0..<64 { policy.recordStep(seconds: 0.5) }
        #expect(policy.predictedStepSeconds() == 0.5)
    }

    @Test func checkpointPredictionFromBytesThenMeasurements() {
        let policy = PredictivePolicy()
        // Defaults: 0.1 s latency and 50 MB/s before any write is measured.
        #expect(policy.predictedCheckpointSeconds(bytes: 0) == 0.1)
        #expect(policy.predictedCheckpointSeconds(bytes: 50_000_000) == 1.1)

        policy.recordCheckpoint(seconds: 0.3, bytes: 1_000)
        #expect(policy.predictedCheckpointSeconds(bytes: 1_000) == 0.3)
        #expect(policy.predictedCheckpointSeconds(bytes: 50_001_000) == 1.3)
    }

    @Test("Safety margin clamps 1 % of the limit", arguments: [
        (10.0, 0.25), (30.0, 0.3), (3_600.0, 36.0), (86_400.0, 300.0),
    ] as [(Double, Double)])
    func safetyMargin(limit: Double, margin: Double) {
        #expect(PredictivePolicy().safetyMargin(limitSeconds: limit) == margin)
    }

    @Test func predictiveStopsWhenStepAndWriteNoLongerFit() {
        let policy = PredictivePolicy()
        policy.recordStep(seconds: 0.5)
        policy.recordCheckpoint(seconds: 1, bytes: 100)
        // Needed: 0.5 s step + 1 s write + 0.25 s margin = 1.75 s.
        func reading(left: Double) -> BudgetReading {
            BudgetReading(name: "walltime", unit: .seconds, used: 20 - left, limit: 20,
                          secondsLeft: left, demandsImmediateStop: false)
        }
        #expect(policy.decide([reading(left: 1.75)], nextCheckpointBytes: 100) == .proceed)
        #expect(policy.decide([reading(left: 1.74)], nextCheckpointBytes: 100)
                == .stop(readingIndex: 0, trigger: .predictedOverrun(secondsNeeded: 1.75)))
    }
}
