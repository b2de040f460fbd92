import PerpetualCore
import PerpetualHDF5

extension CheckpointLoader {
    /// Reads one generation on every rank of `communicator`, each rank its
    /// own share of the partitioned arrays, and verifies every checksum.
    ///
    /// Collective. Every rank reads the file on its own with the POSIX
    /// driver; rank 0 then gathers the row hashes of all shares and checks
    /// each partitioned array's ``RowChecksum``. A failure on any rank is
    /// thrown on every rank (see ``Communicator/agreeOnFailure(_:)``).
    /// ``RankFaultInjection/read`` makes the read of the rank it names fail
    /// (tests only).
    static func load(path: String, communicator: any Communicator) throws -> LoadedCheckpoint {
        if communicator.size == 1 {
            return try load(path: path)
        }

        // Each rank reads its share.
        let collector = RowHashCollector()
        var loaded: LoadedCheckpoint?
        var failure: (any Error)?
        do {
            loaded = try load(path: path, rank: communicator.rank, size: communicator.size, rowHashes: collector)
            if RankFaultInjection.read.fails(onRank: communicator.rank) {
                loaded = nil
                let injected = RankFaultInjection.read.injectedError(operation: "H5Dread", object: path, rank: communicator.rank)
                throw CheckpointError.reading(injected, path: path, what: "the rows of rank \(communicator.rank)")
            }
        } catch {
            failure = error
        }
        try communicator.agreeOnFailure(failure)

        // Rank 0 checks the row checksums of all shares together.
        let gathered = try communicator.gather(RowHashShare.encode(collector.shares), root: 0)
        try communicator.onRoot {
            guard let gathered else { return }
            try verifyRowChecksums(gathered, collector: collector, path: path)
        }
        guard let loaded else {
            preconditionFailure("agreeOnFailure returned although this rank's load failed")
        }
        return loaded
    }

    private static func verifyRowChecksums(_ gathered: [[UInt8]], collector: RowHashCollector, path: String) throws {
        let decoded = gathered.compactMap(RowHashShare.decode)
        guard decoded.count == gathered.count else {
            throw CheckpointError(.ioFailure, path: path, detail: "a rank sent row hashes that do not decode")
        }
        switch RowHashShare.checksums(from: decoded, arrayCount: collector.names.count) {
        case .failure(let mismatch):
            let name = mismatch.arrayIndex.map { "dataset '\(collector.names[$0])': " } ?? ""
            throw CheckpointError(.ioFailure, path: path, detail: "the ranks' shares do not cover the \(name)rows: \(mismatch.detail)")
        case .success(let checksums):
            for index in checksums.indices {
                try VerifiedReader.compare(stored: collector.storedChecksums[index], computed: checksums[index],
                                           name: "state/\(collector.names[index])",
                                           attribute: CheckpointFormat.rowChecksumAttribute, path: path)
            }
        }
    }
}
