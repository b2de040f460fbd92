import Foundation

/// A fresh directory under the system temporary directory, removed by `remove()`.
struct Scratch {
    let url: URL

    init(_ label: String) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("perpetual-reliability-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    func data(_ name: String) throws -> Data { try Data(contentsOf: url.appendingPathComponent(name)) }

    func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: path(name)) }

    /// Names in the directory `name` (the scratch directory itself for ""), sorted.
    func names(in name: String = "") -> [String] {
        let directory = name.isEmpty ? url.path : path(name)
        return ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
    }

    /// Names of temporary files (`.<name>.tmp.<pid>`) in the directory and its trace segment directory.
    func temporaryFiles() -> [String] {
        let top = names().filter { $0.contains(".tmp.") }
        let segments = names(in: "job.trace.d").filter { $0.contains(".tmp.") }.map { "job.trace.d/\($0)" }
        return top + segments
    }

    func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}
