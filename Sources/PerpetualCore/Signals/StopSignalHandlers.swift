#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Handlers for SIGTERM, SIGUSR1, SIGUSR2 and SIGINT that turn each of these
/// signals into a flag, so that the harness can stop at the next step
/// boundary and write a checkpoint.
///
/// Slurm sends SIGTERM at the time limit (and SIGUSR1 or SIGUSR2 earlier
/// with `--signal=USR1@<seconds>`; USR2 serves jobs in which a library
/// already uses USR1); a user sends SIGINT with Ctrl-C. The handler
/// stores the signal number in a lock-free atomic and does nothing else.
/// Every later signal, a second Ctrl-C included, only increments the count,
/// so the run still stops at the next step boundary. To abort at once
/// without a checkpoint, send SIGKILL.
///
/// A signal sent to the process, as Slurm and the terminal send them, runs
/// the handler on any thread that does not block it. If every thread blocks
/// it, it stays pending and the run does not stop. Threads inherit their
/// creator's signal mask, so the main thread should leave these four
/// signals unblocked.
///
/// The record is process-wide: one set of handlers may be installed at a
/// time, and ``install()`` clears the record of any earlier installation.
/// The handlers stay installed until ``restore()``. Nothing restores them
/// on deinitialization, so a Slurm SIGTERM that arrives after the harness
/// is released still cannot kill the process before it exits on its own.
public final class StopSignalHandlers {
    /// The signals handled: SIGTERM, SIGUSR1, SIGUSR2 and SIGINT.
    public static let signals: [Int32] = [SIGTERM, SIGUSR1, SIGUSR2, SIGINT]

    /// Handlers in place before ``install()``, in the order of ``signals``.
    private var previousActions: [(signal: Int32, action: sigaction)]
    private var isRestored = false

    private init(previousActions: [(signal: Int32, action: sigaction)]) {
        self.previousActions = previousActions
    }

    /// Installs the stop handlers with `sigaction` (with `SA_RESTART`, so
    /// that interrupted system calls such as file writes resume), unblocks
    /// the stop signals on the calling thread, and clears the record of
    /// received signals.
    ///
    /// Traps when handlers from an earlier call are still installed: call
    /// ``restore()`` on those first.
    /// - Throws: ``SignalHandlerError`` when `sigaction` fails; the handlers
    ///   installed by this call so far are restored first.
    public static func install() throws(SignalHandlerError) -> StopSignalHandlers {
        let record = stopSignalRecord
        let wasInstalled = record.isInstalled.exchange(true, ordering: .sequentiallyConsistent)
        precondition(!wasInstalled, "StopSignalHandlers.install() called while stop handlers are installed; call restore() on the earlier handlers first")
        record.reset()

        var previous: [(signal: Int32, action: sigaction)] = []
        for signal in signals {
            var action = sigaction()
            setHandler(&action)
            sigemptyset(&action.sa_mask)
            action.sa_flags = SA_RESTART
            var old = sigaction()
            guard sigaction(signal, &action, &old) == 0 else {
                let error = SignalHandlerError(signal: signal, errno: errno, duringRestore: false)
                for (installed, oldAction) in previous.reversed() {
                    var oldAction = oldAction
                    _ = sigaction(installed, &oldAction, nil)
                }
                record.isInstalled.store(false, ordering: .sequentiallyConsistent)
                throw error
            }
            previous.append((signal, old))
        }

        // A blocked signal stays pending and the job never stops. The mask is
        // inherited across fork and exec, so a parent that blocked these
        // signals (a test runner's worker thread, some launchers) would make
        // SIGTERM from Slurm ineffective: unblock them on the calling thread.
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        for signal in signals { sigaddset(&unblocked, signal) }
        let status = pthread_sigmask(SIG_UNBLOCK, &unblocked, nil)
        guard status == 0 else {
            let handlers = StopSignalHandlers(previousActions: previous)
            try? handlers.restore()
            throw SignalHandlerError(signal: signals[0], errno: status, duringRestore: false)
        }
        return StopSignalHandlers(previousActions: previous)
    }

    /// Number of the first stop signal received since ``install()``, or
    /// `nil` when none has arrived.
    public var firstSignal: Int32? {
        let signal = stopSignalRecord.firstSignal.load(ordering: .relaxed)
        return signal == 0 ? nil : signal
    }

    /// Number of stop signals received since ``install()``, of all four kinds.
    public var signalCount: Int {
        stopSignalRecord.count.load(ordering: .relaxed)
    }

    /// Puts back the handlers that were in place before ``install()``.
    /// Calling it again does nothing.
    /// - Throws: ``SignalHandlerError`` for the first signal whose handler
    ///   could not be restored; the others are still restored.
    public func restore() throws(SignalHandlerError) {
        guard !isRestored else { return }
        isRestored = true

        var firstError: SignalHandlerError?
        for (signal, action) in previousActions.reversed() {
            var action = action
            if sigaction(signal, &action, nil) != 0, firstError == nil {
                firstError = SignalHandlerError(signal: signal, errno: errno, duringRestore: true)
            }
        }
        stopSignalRecord.isInstalled.store(false, ordering: .sequentiallyConsistent)
        if let firstError { throw firstError }
    }

    /// Returns the conventional name of a stop signal, such as `SIGTERM`, or
    /// `signal <number>` for any other signal.
    public static func name(of signal: Int32) -> String {
        switch signal {
        case SIGTERM: "SIGTERM"
        case SIGUSR1: "SIGUSR1"
        case SIGUSR2: "SIGUSR2"
        case SIGINT: "SIGINT"
        default: "signal \(signal)"
        }
    }

    private static func setHandler(_ action: inout sigaction) {
        #if canImport(Darwin)
        action.__sigaction_u.__sa_handler = { recordStopSignal($0) }
        #else
        action.__sigaction_handler.sa_handler = { recordStopSignal($0) }
        #endif
    }
}
