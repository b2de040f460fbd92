import Foundation
import PerpetualCore

extension CheckpointReader {
    /// Chooses the generation to resume from once, on rank 0, and loads it
    /// on every rank of `communicator`, each rank with its own share of the
    /// partitioned state arrays.
    ///
    /// Collective. Rank 0 runs ``loadNewestValid(path:)``, which reads and
    /// verifies the candidates in full, and broadcasts the chosen path and
    /// the skipped generations; then every rank loads its share of that
    /// generation (see `CheckpointLoader.load(path:communicator:)`). With
    /// one rank this is ``loadNewestValid(path:)``.
    /// - Throws: on every rank, ``CheckpointError`` as
    ///   ``loadNewestValid(path:)`` does on the rank that failed, and
    ///   ``RemoteRankError`` carrying that error's message on the others.
    public static func loadNewestValid(path: String, communicator: any Communicator) throws -> ResumePoint {
        if communicator.size == 1 {
            return try loadNewestValid(path: path)
        }

        var choice: [UInt8] = []
        try communicator.onRoot {
            let point = try loadNewestValid(path: path)
            choice = encode(chosen: point.checkpoint.path, skipped: point.skipped)
        }
        let received = try communicator.broadcast(choice, root: 0)
        guard let (chosen, skipped) = decode(received) else {
            preconditionFailure("rank 0 broadcast a generation choice that does not decode")
        }
        let checkpoint = try CheckpointLoader.load(path: chosen, communicator: communicator)
        return ResumePoint(checkpoint: checkpoint, skipped: skipped)
    }

    /// JSON: `[chosen path, skipped path, reason, skipped path, reason, …]`.
    private static func encode(chosen: String, skipped: [SkippedGeneration]) -> [UInt8] {
        let strings = [chosen] + skipped.flatMap { [$0.path, $0.reason] }
        // Encoding an array of strings cannot fail.
        return Array(try! JSONEncoder().encode(strings))
    }

    private static func decode(_ bytes: [UInt8]) -> (String, [SkippedGeneration])? {
        guard let strings = try? JSONDecoder().decode([String].self, from: Data(bytes)),
              let chosen = strings.first, strings.count % 2 == 1 else { return nil }
        let skipped = stride(from: 1, to: strings.count, by: 2).map {
            SkippedGeneration(path: strings[$0], reason: strings[$0 + 1])
        }
        return (chosen, skipped)
    }
}
