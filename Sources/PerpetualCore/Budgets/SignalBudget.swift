/// A budget that demands a stop at the next step boundary once SIGTERM,
/// SIGUSR1, SIGUSR2 or SIGINT has arrived.
///
/// It reads the record of the ``StopSignalHandlers`` it was created with.
/// Its reading counts signals received against a limit of 1.
public struct SignalBudget: Budget {
    public let handlers: StopSignalHandlers

    /// Creates a budget on installed handlers; install them as early as
    /// possible, so that a signal during start-up is recorded rather than
    /// killing the process.
    public init(handlers: StopSignalHandlers) {
        self.handlers = handlers
    }

    public func reading(at boundary: BudgetBoundary) -> BudgetReading {
        let count = handlers.signalCount
        return BudgetReading(name: "signal", unit: .signals, used: Double(count), limit: 1,
                             secondsLeft: nil, demandsImmediateStop: count > 0)
    }

    public func describeStop(_ reading: BudgetReading) -> String {
        let name = handlers.firstSignal.map { StopSignalHandlers.name(of: $0) } ?? "a stop signal"
        let count = handlers.signalCount
        return count > 1 ? "received \(name) first, \(count) stop signals in all" : "received \(name)"
    }
}
