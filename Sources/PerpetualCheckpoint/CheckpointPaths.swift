import Foundation

/// The file names derived from the checkpoint path a user gives.
///
/// For `run/ckpt.h5` the stem is `run/ckpt`:
/// - newest generation: `run/ckpt.h5`
/// - older generations: `run/ckpt.step-0000000100.h5` (the step inside, 10 digits)
/// - trace segments: `run/ckpt.trace.d/rows-000000000000-000000000250.h5` (first row, end row, 12 digits)
/// - consolidated trace: `run/ckpt.trace.h5`
/// - temporary files: `run/.ckpt.h5.tmp.<pid>`, beside their target
struct CheckpointPaths: Sendable {
    /// The newest generation, as given.
    let path: String
    /// Directory holding the generations; `.` for a bare file name.
    let directory: String
    /// Last path component without a trailing `.h5`.
    let stemName: String

    init(path: String) {
        self.path = path
        let name = PathNames.lastComponent(of: path)
        stemName = name.hasSuffix(".h5") ? String(name.dropLast(3)) : name
        directory = PathNames.directory(of: path)
    }

    private func inDirectory(_ name: String) -> String {
        PathNames.join(directory, name)
    }

    // MARK: Generations

    private var generationPrefix: String { "\(stemName).step-" }

    /// Path of the older generation written at `step`.
    func generationPath(step: Int) -> String {
        inDirectory(generationPrefix + Self.padded(step, digits: 10) + ".h5")
    }

    /// Step encoded in an older generation's file name, or nil for any other name.
    func generationStep(fileName: String) -> Int? {
        guard fileName.hasPrefix(generationPrefix), fileName.hasSuffix(".h5") else { return nil }
        let digits = fileName.dropFirst(generationPrefix.count).dropLast(3)
        guard digits.count >= 10, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) else { return nil }
        return Int(digits)
    }

    /// Older generations present in the directory, newest step first.
    func olderGenerations() throws -> [(step: Int, path: String)] {
        try FileSystem.contents(of: directory)
            .compactMap { name in generationStep(fileName: name).map { (step: $0, path: inDirectory(name)) } }
            .sorted { $0.step > $1.step }
    }

    // MARK: Trace

    /// The consolidated trace file.
    var tracePath: String { inDirectory("\(stemName).trace.h5") }

    /// Directory of the trace segments.
    var segmentDirectory: String { inDirectory("\(stemName).trace.d") }

    /// Path of the segment holding rows `first..<end`.
    func segmentPath(first: Int, end: Int) -> String {
        PathNames.join(segmentDirectory, 
            "rows-\(Self.padded(first, digits: 12))-\(Self.padded(end, digits: 12)).h5")
    }

    /// Row range encoded in a segment's file name, or nil for any other name.
    static func segmentRows(fileName: String) -> Range<Int>? {
        guard fileName.hasPrefix("rows-"), fileName.hasSuffix(".h5") else { return nil }
        let parts = fileName.dropFirst(5).dropLast(3).split(separator: "-")
        guard parts.count == 2,
              parts.allSatisfy({ $0.count >= 12 && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let first = Int(parts[0]), let end = Int(parts[1]), first < end else { return nil }
        return first..<end
    }

    // MARK: Temporary files

    /// Temporary file for `target` in the same directory: `.<name>.tmp.<pid>`.
    static func temporaryPath(for target: String) -> String {
        let parent = PathNames.directory(of: target)
        let name = PathNames.lastComponent(of: target)
        let temporary = ".\(name).tmp.\(getpid())"
        return PathNames.join(parent, temporary)
    }

    /// Whether `fileName` is a temporary file of this module for a file
    /// whose name starts with `stem` followed by `.` or `-`.
    static func isTemporary(fileName: String, stem: String) -> Bool {
        (fileName.hasPrefix(".\(stem).") || fileName.hasPrefix(".\(stem)-")) && fileName.contains(".tmp.")
    }

    static func padded(_ value: Int, digits: Int) -> String {
        precondition(value >= 0, "step and row numbers in file names must not be negative, got \(value)")
        let text = String(value)
        return text.count >= digits ? text : String(repeating: "0", count: digits - text.count) + text
    }
}
