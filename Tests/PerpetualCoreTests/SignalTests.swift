import Testing
import PerpetualCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Returns the address of the handler installed for `signal`, 0 for the
/// default action.
func currentHandlerAddress(_ signal: Int32) -> Int {
    var action = sigaction()
    _ = sigaction(signal, nil, &action)
    #if canImport(Darwin)
    return unsafeBitCast(action.__sigaction_u.__sa_handler, to: Int.self)
    #else
    return unsafeBitCast(action.__sigaction_handler.sa_handler, to: Int.self)
    #endif
}

/// Sends `signal` to this process, as Slurm or a user would, and waits up to
/// 5 s until the handler has recorded it.
///
/// The signal is process-directed (`kill`, not `raise`) because the test
/// runner's worker threads block SIGTERM, SIGUSR1 and SIGINT, so a signal
/// raised on one of them would stay pending. The kernel delivers a
/// process-directed signal to a thread that does not block it.
func deliver(_ signal: Int32, to handlers: StopSignalHandlers) {
    let countBefore = handlers.signalCount
    kill(getpid(), signal)
    let clock = SystemClock()
    let deadline = clock.now() + 5
    while handlers.signalCount == countBefore && clock.now() < deadline {
        usleep(100)
    }
    #expect(handlers.signalCount == countBefore + 1, "\(StopSignalHandlers.name(of: signal)) was not recorded within 5 s")
}

/// Tests that install handlers and raise signals in this process. They run
/// one at a time because the signal record is process-wide.
@Suite(.serialized) struct SignalTests {
    @Test func handlersRecordFirstSignalAndCount() throws {
        let handlers = try StopSignalHandlers.install()
        defer { try? handlers.restore() }
        #expect(handlers.firstSignal == nil)
        #expect(handlers.signalCount == 0)

        deliver(SIGUSR1, to: handlers)
        #expect(handlers.firstSignal == SIGUSR1)
        #expect(handlers.signalCount == 1)

        // A second Ctrl-C is still only counted.
        deliver(SIGINT, to: handlers)
        deliver(SIGINT, to: handlers)
        #expect(handlers.firstSignal == SIGUSR1)
        #expect(handlers.signalCount == 3)
    }

    @Test func usr2IsStopSignal() throws {
        let handlers = try StopSignalHandlers.install()
        defer { try? handlers.restore() }

        deliver(SIGUSR2, to: handlers)
        #expect(handlers.firstSignal == SIGUSR2)
        #expect(handlers.signalCount == 1)
        #expect(StopSignalHandlers.name(of: SIGUSR2) == "SIGUSR2")
    }

    @Test func installClearsEarlierRecord() throws {
        let first = try StopSignalHandlers.install()
        deliver(SIGTERM, to: first)
        #expect(first.signalCount == 1)
        try first.restore()

        let second = try StopSignalHandlers.install()
        defer { try? second.restore() }
        #expect(second.firstSignal == nil)
        #expect(second.signalCount == 0)
    }

    @Test func restorePutsBackPreviousHandlers() throws {
        let before = StopSignalHandlers.signals.map(currentHandlerAddress)
        let handlers = try StopSignalHandlers.install()
        let during = StopSignalHandlers.signals.map(currentHandlerAddress)
        try handlers.restore()
        let after = StopSignalHandlers.signals.map(currentHandlerAddress)

        for index in before.indices {
            #expect(during[index] != before[index], "signal \(StopSignalHandlers.signals[index])")
            #expect(after[index] == before[index], "signal \(StopSignalHandlers.signals[index])")
        }
        // A second restore does nothing.
        try handlers.restore()
        #expect(StopSignalHandlers.signals.map(currentHandlerAddress) == before)
    }

    @Test func signalStopsHarnessAtNextBoundary() throws {
        let handlers = try StopSignalHandlers.install()
        defer { try? handlers.restore() }
        let kernel = FakeKernel(totalSteps: 100)
        kernel.onStep = { step in
            if step == 5 { deliver(SIGUSR1, to: handlers) }
        }
        let sink = MemorySink()
        let harness = Harness(kernel: kernel, sink: sink, budgets: [SignalBudget(handlers: handlers), StepBudget(maxSteps: 50)],
                              progressInterval: .infinity)

        let outcome = try harness.run()

        guard case .stopped(let reason, let receipt) = outcome else {
            Issue.record("expected a stop, got \(outcome)")
            return
        }
        #expect(reason.step == 5)
        #expect(reason.reading.name == "signal")
        #expect(reason.trigger == .demandedByBudget)
        #expect(reason.message == "received SIGUSR1")
        #expect(receipt.location == "memory:0")
        #expect(kernel.completedSteps == 5)
        #expect(sink.snapshots.map(\.step) == [5])
        #expect(sink.committedTrace.count == fakeTraceRows(through: 5) * 3)
    }

    @Test func signalBeforeStartStopsWithCheckpoint() throws {
        let handlers = try StopSignalHandlers.install()
        defer { try? handlers.restore() }
        deliver(SIGTERM, to: handlers)
        deliver(SIGINT, to: handlers)
        let kernel = FakeKernel(totalSteps: 100)
        let sink = MemorySink()
        let harness = Harness(kernel: kernel, sink: sink, budgets: [SignalBudget(handlers: handlers)],
                              progressInterval: .infinity)

        let outcome = try harness.run()

        guard case .stopped(let reason, _) = outcome else {
            Issue.record("expected a stop, got \(outcome)")
            return
        }
        #expect(reason.step == 0)
        #expect(reason.message == "received SIGTERM first, 2 stop signals in all")
        #expect(kernel.completedSteps == 0)
        #expect(sink.snapshots.map(\.step) == [0])
    }
}
