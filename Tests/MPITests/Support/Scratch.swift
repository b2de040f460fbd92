import Foundation

/// A fresh directory under the system temporary directory, removed by `remove()`.
struct Scratch {
    let url: URL

    init(_ label: String) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("perpetual-mpi-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}

/// Runs a tool (`h5diff`, `python3`) and returns its exit code and output.
func runTool(_ arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return (process.terminationStatus, output)
}

/// Compares one object of two HDF5 files with `h5diff -r`: status 0 when identical.
func h5diff(_ first: String, _ second: String, object: String) throws -> (status: Int32, output: String) {
    try runTool(["h5diff", "-r", first, second, object, object])
}
