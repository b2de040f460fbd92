import PerpetualCore

/// Everything read back from one validated checkpoint generation.
public struct LoadedCheckpoint: Sendable, Equatable {
    /// The generation file it was read from.
    public var path: String
    public var formatVersion: Int
    public var kernelName: String
    /// The resolved configuration JSON stored when the checkpoint was written.
    public var configuration: String
    /// Steps completed when the state was captured.
    public var step: Int
    public var totalSteps: Int
    public var state: KernelState
    public var traceSchema: TraceSchema
    /// Trace rows `0..<committedTraceRows` belong to this checkpoint.
    public var committedTraceRows: Int
    public var accounting: RunAccounting
    /// The `producer` string of the program that wrote it, for example `simrun 0.1.0`.
    public var producer: String
    /// Write time, ISO 8601 in UTC.
    public var created: String

    /// Whether the job's work was done when this checkpoint was written.
    public var isComplete: Bool { step >= totalSteps }
}

/// A checkpoint generation that was not used, and why.
public struct SkippedGeneration: Sendable, Equatable {
    public var path: String
    /// The validation failure, for example a checksum mismatch naming the dataset.
    public var reason: String
}

/// The generation chosen to resume from, with the generations passed over
/// because they failed validation, in the order they were examined.
public struct ResumePoint: Sendable, Equatable {
    public var checkpoint: LoadedCheckpoint
    public var skipped: [SkippedGeneration]
}
