/// A limit on one resource of a run segment, such as walltime or steps,
/// that the harness reads at every step boundary.
///
/// The harness passes the readings of all budgets to its ``StopPolicy``,
/// which decides whether to take one more step. ``reading(at:)`` runs at
/// every step boundary, so it must be cheap and must not allocate.
public protocol Budget {
    /// Returns the state of the budget at the step boundary described by
    /// `boundary`.
    func reading(at boundary: BudgetBoundary) -> BudgetReading

    /// Returns one sentence on why this budget stopped the run, for logs and
    /// the stop reason. Called only when the run stops.
    func describeStop(_ reading: BudgetReading) -> String

    /// Steps of the segment at which this budget will demand a stop, when
    /// that is known in advance, or `nil`. A harness that reads its budgets
    /// only every few steps, as one of several ranks does, checks at this
    /// step too so that it never overshoots. The default is `nil`.
    func segmentStepLimit() -> Int?
}

extension Budget {
    public func segmentStepLimit() -> Int? { nil }
}

/// Values at a step boundary that the harness passes to every budget.
public struct BudgetBoundary: Sendable, Equatable {
    /// The harness clock's time at the boundary, in seconds.
    public var now: Double
    /// Steps completed in this segment (this process run) so far.
    public var segmentSteps: Int
    /// Estimated bytes of a checkpoint written at this boundary: the state's
    /// array bytes at its last capture plus the pending trace rows, without
    /// HDF5's own overhead. 0 when the caller does not know.
    public var nextCheckpointBytes: Int
    /// Bytes of the newest committed checkpoint of the job, this segment's
    /// or the resumed one's, or `nil` before the first.
    public var lastCheckpointBytes: Int?

    public init(now: Double, segmentSteps: Int, nextCheckpointBytes: Int = 0, lastCheckpointBytes: Int? = nil) {
        self.now = now
        self.segmentSteps = segmentSteps
        self.nextCheckpointBytes = nextCheckpointBytes
        self.lastCheckpointBytes = lastCheckpointBytes
    }
}

/// Unit of a budget's ``BudgetReading/used`` and ``BudgetReading/limit``.
public enum BudgetUnit: String, Sendable, Equatable {
    case seconds
    case steps
    case signals
    /// Memory or disk space: host memory of the process or its cgroup,
    /// device memory, free space of the checkpoint directory.
    case bytes
    /// A share of a limit, in 0…1, as user-defined budgets report it.
    case fraction
}

/// A budget's state at one step boundary.
public struct BudgetReading: Sendable, Equatable {
    /// Short name for logs, for example `walltime`.
    public var name: String
    public var unit: BudgetUnit
    /// Amount used so far, in ``unit``.
    public var used: Double
    /// Amount allowed in ``unit``, greater than 0.
    public var limit: Double
    /// Seconds left before the limit for time-like budgets, `nil` for others.
    /// Negative once the limit has passed.
    public var secondsLeft: Double?
    /// Whether the run must stop at this boundary whatever the policy
    /// predicts: a step limit reached, a stop signal received, or time up.
    public var demandsImmediateStop: Bool

    public init(name: String, unit: BudgetUnit, used: Double, limit: Double,
                secondsLeft: Double?, demandsImmediateStop: Bool) {
        self.name = name
        self.unit = unit
        self.used = used
        self.limit = limit
        self.secondsLeft = secondsLeft
        self.demandsImmediateStop = demandsImmediateStop
    }

    /// `used / limit`, which may exceed 1.
    public var usedFraction: Double { used / limit }

    /// `1 - used / limit`, clamped to 0…1.
    public var remainingFraction: Double { min(1, max(0, 1 - usedFraction)) }

    /// Whether the budget measures time, so that stop policies may predict
    /// against ``secondsLeft``.
    public var isTimeLike: Bool { secondsLeft != nil }
}
