/// Finds the checkpoint to resume from among all generations of a path.
public enum CheckpointReader {
    /// Loads the newest generation that validates, by the step stored inside
    /// each file (not by name or modification time).
    ///
    /// Considers `path` and every `<stem>.step-*.h5` beside it. Generations
    /// that fail validation are listed in ``ResumePoint/skipped`` with the
    /// reason, newest first. Only the chosen generation is read in full;
    /// the others are opened for their root attributes only.
    /// - Throws: ``CheckpointError`` `.notFound` when no generation exists,
    ///   `.unsupportedFormat` when any generation has a newer format version
    ///   (falling back past it would lose the newer program's progress), and
    ///   `.corrupt` listing every reason when none validates.
    public static func loadNewestValid(path: String) throws -> ResumePoint {
        let paths = CheckpointPaths(path: path)
        var candidates = try paths.olderGenerations().map(\.path)
        if FileSystem.exists(path) { candidates.insert(path, at: 0) }
        guard !candidates.isEmpty else {
            throw CheckpointError(.notFound, path: path,
                                  detail: "no checkpoint exists at this path and no older generation \(paths.stemName).step-*.h5 beside it",
                                  isInputError: true)
        }

        // Order by the step inside; a file whose header is unreadable is skipped.
        var skipped: [SkippedGeneration] = []
        var headers: [CheckpointLoader.Header] = []
        for candidate in candidates {
            do {
                headers.append(try CheckpointLoader.readHeader(path: candidate))
            } catch let error as CheckpointError where error.code == .unsupportedFormat {
                throw error
            } catch {
                skipped.append(SkippedGeneration(path: candidate, reason: "\(error)"))
            }
        }
        // A stable sort keeps `path` ahead of a generation of the same step.
        let ordered = headers.enumerated().sorted { ($0.element.step, -$0.offset) > ($1.element.step, -$1.offset) }

        // Load in full, newest first, until one validates.
        for header in ordered.map(\.element) {
            do {
                let checkpoint = try CheckpointLoader.load(path: header.path)
                return ResumePoint(checkpoint: checkpoint, skipped: skipped)
            } catch {
                skipped.append(SkippedGeneration(path: header.path, reason: "\(error)"))
            }
        }
        let reasons = skipped.map { "\($0.reason)" }.joined(separator: "; ")
        throw CheckpointError(.corrupt, path: path, detail: "no checkpoint generation is valid: \(reasons)")
    }
}
