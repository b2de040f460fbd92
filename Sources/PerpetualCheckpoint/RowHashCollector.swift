/// The row hashes of the partitioned arrays one rank read, kept until the
/// ranks check them together (see ``CheckpointLoader``).
final class RowHashCollector {
    private(set) var names: [String] = []
    private(set) var storedChecksums: [UInt64] = []
    private(set) var shares: [RowHashShare] = []

    func add(name: String, storedChecksum: UInt64, share: RowHashShare) {
        names.append(name)
        storedChecksums.append(storedChecksum)
        shares.append(share)
    }
}
