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
    /// versions and accepts this one and version 1, which had no
    /// partitioned arrays.
    static let version: Int64 = 2
    /// Attribute on every dataset but partitioned state arrays: XXH64
    /// (seed 0) of its little-endian raw bytes, or of the UTF-8 bytes of a
    /// string.
    static let checksumAttribute = "xxh64"
    /// Attribute on a partitioned state array instead of ``checksumAttribute``:
    /// the ``RowChecksum`` of its rows. It also marks the array as
    /// partitioned, so a reader returns each rank its share.
    static let rowChecksumAttribute = "xxh64_rows"
    /// Root attribute of a checkpoint generation: the state's
    /// ``StateSchema/canonicalText``. Optional: older files lack it.
    static let stateSchemaAttribute = "state_schema"
    /// Root attribute of a checkpoint generation: the state's
    /// ``StateSchema/fingerprint``, checked against the state on load.
    static let stateSchemaHashAttribute = "state_schema_hash"
}
