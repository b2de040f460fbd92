/// Names and versions of the files this module writes. `docs/checkpoint-format.md`
/// describes the layouts.
enum CheckpointFormat {
    /// Value of the root attribute `format` of a checkpoint generation.
    static let checkpointName = "perpetual-checkpoint"
    /// Value of the root attribute `format` of a trace segment.
    static let segmentName = "perpetual-trace-segment"
    /// Value of the root attribute `format` of a consolidated trace file.
    static let traceName = "perpetual-trace"
    /// The one format version of all three files. A reader rejects newer
    /// versions and accepts this one.
    static let version: Int64 = 1
    /// Attribute on every dataset: XXH64 (seed 0) of its little-endian raw
    /// bytes, or of the UTF-8 bytes of a string.
    static let checksumAttribute = "xxh64"
}
