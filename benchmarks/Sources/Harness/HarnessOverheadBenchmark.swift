import PerpetualCore
import PerpetualMCMC

/// Harness overhead per step: a kernel run to completion through ``Harness``
/// (walltime and signal budgets, ``PredictivePolicy``, an in-memory sink)
/// against a bare loop that calls ``Kernel/advanceStep()`` as many times.
///
/// Both call the kernel through `any Kernel`, as the harness does. The
/// harness time includes creating the harness, its state capture before
/// the first step and its final commit into memory. Every run must end in
/// the same kernel state and the same sum of the first trace column as the
/// first run of its case, which the benchmark checks.
struct HarnessOverheadBenchmark {
    /// Walltime limit of the harness runs: far beyond their length, so that
    /// the policy stays on its path for time far from the limit (a scan of
    /// the step window, no percentile sort).
    static let walltimeLimitSeconds = 24 * 3600.0
    static let mcmcSeed: UInt64 = 20_240_601
    static let mcmcWarmup = 1000
    static let mcmcDraws = 1000

    let options: BenchmarkOptions

    /// A kernel to run and the unit of its figures.
    private struct Case {
        var name: String
        var unit: String
        /// Nanoseconds in one `unit`: 1 for ns/step, 1000 for µs/step.
        var nanosecondsPerUnit: Double
        var makeKernel: () throws -> any Kernel
    }

    /// End state of one run, compared between the runs of one case.
    private struct RunResult: Equatable {
        var state: KernelState
        /// Sum of the first value of every trace row, in row order.
        var traceSum: Double
    }

    func run() throws -> ResultTable {
        let handlers = try StopSignalHandlers.install()
        defer { try? handlers.restore() }

        var table = ResultTable(title: "Harness overhead per step, \(options.repetitions) repetitions, bare loop and harness alternating")
        for item in makeCases() {
            var reference: RunResult?
            let check = { (result: RunResult, label: String) throws in
                guard let expected = reference else {
                    reference = result
                    return
                }
                guard result == expected else {
                    throw BenchmarkError("\(item.name): the \(label) ended with trace sum \(result.traceSum) and another state than the first run (trace sum \(expected.traceSum)). The kernel or the harness is not deterministic.")
                }
            }

            let pairs = try alternate(repetitions: options.repetitions, baseline: {
                let (nanoseconds, result) = try runBare(item.makeKernel())
                try check(result, "bare loop")
                return nanoseconds / item.nanosecondsPerUnit
            }, subject: {
                let (nanoseconds, result) = try runThroughHarness(item.makeKernel(), handlers: handlers)
                try check(result, "harness run")
                return nanoseconds / item.nanosecondsPerUnit
            })
            table.add("\(item.name): bare loop (baseline)", pairs.baseline, unit: item.unit)
            table.add("\(item.name): Harness.run", pairs.subject, unit: item.unit)
            table.add("\(item.name): difference harness − bare, per pair", Summary.pairwise(pairs.subject, pairs.baseline, -), unit: item.unit)
            table.add("\(item.name): ratio harness / bare, per pair", Summary.pairwise(pairs.subject, pairs.baseline, /), unit: "×")
        }

        table.add("SystemClock.now(), read 3 times per harness step", try measureClockRead(), unit: "ns/read")

        table.note("tiny kernel: \(options.steps) steps of 36 flops; eight-schools: \(Self.mcmcWarmup) warm-up and \(Self.mcmcDraws) draw steps, seed \(Self.mcmcSeed), one step = one NUTS iteration of every chain")
        table.note("harness: WalltimeBudget of \(Int(Self.walltimeLimitSeconds)) s, SignalBudget, PredictivePolicy with default settings, no periodic checkpoints, no progress events, final commit into an in-memory sink")
        table.note("kernel construction is outside the timing; every run ended in the same state and trace sum as the first run of its case")
        return table
    }

    private func makeCases() -> [Case] {
        let steps = options.steps
        let eightSchools = MCMCConfiguration(model: MCMCModelCatalog.eightSchools, draws: Self.mcmcDraws,
                                             seed: Self.mcmcSeed, warmup: Self.mcmcWarmup)
        return [
            Case(name: "tiny kernel, no trace", unit: "ns/step", nanosecondsPerUnit: 1) {
                TinyKernel(totalSteps: steps, emitsTrace: false)
            },
            Case(name: "tiny kernel, 2-value trace row", unit: "ns/step", nanosecondsPerUnit: 1) {
                TinyKernel(totalSteps: steps, emitsTrace: true)
            },
            Case(name: "eight-schools NUTS, \(eightSchools.chains) chains", unit: "µs/step", nanosecondsPerUnit: 1000) {
                try MCMCKernel(configuration: eightSchools)
            },
        ]
    }

    /// Returns the cost of one clock reading through `any MonotonicClock`,
    /// as the harness reads it: at each boundary, and before and after each
    /// step.
    private func measureClockRead() throws -> Summary {
        let clock: any MonotonicClock = SystemClock()
        let reads = options.steps
        var samples: [Double] = []
        for _ in 0..<options.repetitions {
            let (latest, seconds) = Stopwatch.time {
                var latest = 0.0
                for _ in 0..<reads {
                    latest = max(latest, clock.now())
                }
                return latest
            }
            guard latest > 0 else { throw BenchmarkError("SystemClock.now() returned \(latest), expected seconds since boot") }
            samples.append(seconds * 1e9 / Double(reads))
        }
        return Summary(samples)
    }

    /// Runs `kernel` to completion in a plain loop and returns the nanoseconds per step.
    private func runBare(_ kernel: any Kernel) throws -> (nanosecondsPerStep: Double, result: RunResult) {
        let steps = kernel.totalSteps - kernel.completedSteps
        let (traceSum, seconds) = try Stopwatch.time {
            var sum = 0.0
            for _ in 0..<steps {
                if let row = try kernel.advanceStep() {
                    sum += row[0]
                }
            }
            return sum
        }
        return (seconds * 1e9 / Double(steps), RunResult(state: kernel.captureState(), traceSum: traceSum))
    }

    /// Runs `kernel` to completion through a harness and returns the nanoseconds per step.
    private func runThroughHarness(_ kernel: any Kernel, handlers: StopSignalHandlers) throws -> (nanosecondsPerStep: Double, result: RunResult) {
        let steps = kernel.totalSteps - kernel.completedSteps
        let sink = LatestSnapshotSink()
        let (outcome, seconds) = try Stopwatch.time {
            let clock = SystemClock()
            let budgets: [any Budget] = [
                WalltimeBudget(limitSeconds: Self.walltimeLimitSeconds, start: clock.now()),
                SignalBudget(handlers: handlers),
            ]
            let harness = Harness(kernel: kernel, sink: sink, budgets: budgets, policy: PredictivePolicy(),
                                  clock: clock, progressInterval: .infinity)
            return try harness.run()
        }
        guard case .complete(.some) = outcome, let snapshot = sink.latest, sink.commitCount == 1 else {
            throw BenchmarkError("the harness run ended with \(outcome) after \(sink.commitCount) commits; expected one final checkpoint")
        }

        let trace = snapshot.pendingTrace
        var traceSum = 0.0
        for row in 0..<trace.rowCount {
            traceSum += trace.values[row * trace.rowLength]
        }
        return (seconds * 1e9 / Double(steps), RunResult(state: kernel.captureState(), traceSum: traceSum))
    }
}
