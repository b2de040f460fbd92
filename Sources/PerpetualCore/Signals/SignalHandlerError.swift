/// A failure to install or restore a signal handler with `sigaction`.
///
/// It is an environment failure, not expected for the three stop signals.
public struct SignalHandlerError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The signal whose handler could not be changed.
    public var signal: Int32
    /// `errno` after the failed `sigaction` call.
    public var errno: Int32
    /// `true` when restoring the earlier handler failed, `false` when
    /// installing the stop handler failed.
    public var duringRestore: Bool

    public init(signal: Int32, errno: Int32, duringRestore: Bool) {
        self.signal = signal
        self.errno = errno
        self.duringRestore = duringRestore
    }

    public var description: String {
        let action = duringRestore ? "restoring the earlier handler" : "installing the stop handler"
        return "sigaction failed while \(action) for \(StopSignalHandlers.name(of: signal)) with errno \(errno)"
    }
}
