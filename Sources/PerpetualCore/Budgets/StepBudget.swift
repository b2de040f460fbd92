/// A limit on the steps taken in this segment.
///
/// Tests use it to interrupt a run at an exact step, and job scripts to
/// split a job into segments of a fixed size. It demands a stop when one
/// more step would exceed ``maxSteps``.
public struct StepBudget: Budget, Sendable {
    /// Steps allowed in this segment; 0 stops before the first step.
    public let maxSteps: Int

    /// Traps on a negative count.
    public init(maxSteps: Int) {
        precondition(maxSteps >= 0, "StepBudget needs maxSteps ≥ 0, got \(maxSteps)")
        self.maxSteps = maxSteps
    }

    public func reading(at boundary: BudgetBoundary) -> BudgetReading {
        BudgetReading(name: "steps", unit: .steps, used: Double(boundary.segmentSteps),
                      limit: Double(max(maxSteps, 1)), secondsLeft: nil,
                      demandsImmediateStop: boundary.segmentSteps >= maxSteps)
    }

    public func segmentStepLimit() -> Int? { maxSteps }

    public func describeStop(_ reading: BudgetReading) -> String {
        "step budget of \(maxSteps) steps for this segment used"
    }
}
