#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Hooks for tests only: a kernel step that throws on one rank, and one rank
/// much slower than the others, in a multi-rank job.
///
/// The variables are read once per process from the environment, and only
/// the collective loop of a job with more than one rank consults them:
///
/// - `PERPETUAL_TEST_FAIL_STEP_ON_RANK=R` with `PERPETUAL_TEST_FAIL_AT_STEP=S`:
///   step `S` (counted from 1 over the whole job) throws on rank `R` instead
///   of running, as a kernel step that fails there would.
/// - `PERPETUAL_TEST_SLOW_RANK=R` with `PERPETUAL_TEST_SLOW_STEP_SECONDS=T`:
///   rank `R` sleeps `T` seconds before each step. The sleep is outside the
///   timed step, so the rank's step durations do not include it.
struct CoordinationFaultInjection: Sendable {
    static let failingRankVariable = "PERPETUAL_TEST_FAIL_STEP_ON_RANK"
    static let failingStepVariable = "PERPETUAL_TEST_FAIL_AT_STEP"
    static let slowRankVariable = "PERPETUAL_TEST_SLOW_RANK"
    static let slowSecondsVariable = "PERPETUAL_TEST_SLOW_STEP_SECONDS"

    static let shared = CoordinationFaultInjection()

    /// Rank and step (from 1) of the injected step failure.
    let failure: (rank: Int, step: Int)?
    /// Rank and seconds of the sleep before each step.
    let slowdown: (rank: Int, seconds: Double)?

    private init() {
        if let rank = Self.integer(Self.failingRankVariable), let step = Self.integer(Self.failingStepVariable) {
            failure = (rank, step)
        } else {
            failure = nil
        }
        if let rank = Self.integer(Self.slowRankVariable),
           let seconds = Self.environment(Self.slowSecondsVariable).flatMap(Double.init), seconds > 0 {
            slowdown = (rank, seconds)
        } else {
            slowdown = nil
        }
    }

    private static func environment(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }

    private static func integer(_ name: String) -> Int? {
        environment(name).flatMap { Int($0) }
    }
}

/// The error of an injected step failure.
struct InjectedStepFailure: Error, CustomStringConvertible {
    var rank: Int
    var step: Int

    var description: String {
        "step \(step) failure injected on rank \(rank) by \(CoordinationFaultInjection.failingRankVariable) (for tests)"
    }
}

extension Harness {
    /// Applies the hooks of ``CoordinationFaultInjection`` to the next step
    /// of this rank: sleeps when the rank is the slow one, and throws
    /// ``HarnessError/Code/kernelStepFailed`` when the step is the failing one.
    func injectStepFaults() throws(HarnessError) {
        let injection = CoordinationFaultInjection.shared
        let rank = communicator.rank
        if let slowdown = injection.slowdown, slowdown.rank == rank {
            usleep(UInt32(slowdown.seconds * 1_000_000))
        }
        let step = kernel.completedSteps + 1
        if let failure = injection.failure, failure.rank == rank, failure.step == step {
            throw HarnessError(.kernelStepFailed, step: kernel.completedSteps, totalSteps: kernel.totalSteps,
                               kernelName: kernel.kernelName, underlying: InjectedStepFailure(rank: rank, step: step))
        }
    }
}
