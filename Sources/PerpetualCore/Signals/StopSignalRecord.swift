import Synchronization

/// Process-wide record of the stop signals received, written by the signal
/// handler and read by ``StopSignalHandlers``.
///
/// The handler is a C function pointer and cannot capture context, so the
/// record is a global. It contains only lock-free atomics, which makes it
/// safe to update from a signal handler.
final class StopSignalRecord: Sendable {
    /// Number of the first stop signal received, or 0 for none.
    let firstSignal = Atomic<Int32>(0)
    /// Stop signals received since the handlers were installed.
    let count = Atomic<Int>(0)
    /// Whether ``StopSignalHandlers`` are installed now.
    let isInstalled = Atomic<Bool>(false)

    /// Stores one received signal. Called from the signal handler, so it
    /// does nothing but two atomic operations.
    func record(_ signal: Int32) {
        _ = firstSignal.compareExchange(expected: 0, desired: signal, ordering: .relaxed)
        _ = count.wrappingAdd(1, ordering: .relaxed)
    }

    func reset() {
        firstSignal.store(0, ordering: .relaxed)
        count.store(0, ordering: .relaxed)
    }
}

/// The one record of this process.
///
/// Swift initializes globals lazily on first access, which is not
/// async-signal-safe, so ``StopSignalHandlers/install()`` touches it before it
/// installs any handler.
let stopSignalRecord = StopSignalRecord()

/// The handler installed with `sigaction`. It only stores the signal number.
func recordStopSignal(_ signal: Int32) {
    stopSignalRecord.record(signal)
}
