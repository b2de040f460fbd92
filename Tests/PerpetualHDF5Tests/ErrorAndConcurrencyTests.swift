import Foundation
import Testing
import PerpetualHDF5

@Suite("HDF5 errors and threads")
struct ErrorAndConcurrencyTests {
    @Test("missing file names operation, path and cause")
    func missingFileError() throws {
        let directory = try TemporaryDirectory("missing")
        defer { directory.remove() }
        let path = directory.path("absent.h5")

        #expect {
            _ = try HDF5File.open(path: path, mode: .readOnly)
        } throws: { error in
            let error = try #require(error as? HDF5Error)
            return error.operation == "H5Fopen" && error.object == path && !error.stack.isEmpty
                && error.description.hasPrefix("H5Fopen failed on \(path): ")
        }
    }

    @Test("closing a file with an open dataset fails")
    func closeWithOpenChildFails() throws {
        let directory = try TemporaryDirectory("semi-close")
        defer { directory.remove() }
        let file = try HDF5File.create(path: directory.path("semi.h5"))
        let dataset = try file.createScalarDataset("value", value: 2.0)

        #expect(throws: HDF5Error.self) {
            try file.close()
        }
        withExtendedLifetime(dataset) {}
    }

    /// Debian's HDF5 is not thread-safe; without the process-wide lock, many
    /// concurrent round trips crash or corrupt files.
    @Test("parallel round trips all succeed")
    func parallelRoundTrips() async throws {
        let directory = try TemporaryDirectory("parallel")
        defer { directory.remove() }
        let tasks = 48

        let results = try await withThrowingTaskGroup(of: Bool.self) { group in
            for index in 0..<tasks {
                let path = directory.path("file-\(index).h5")
                group.addTask {
                    let values = (0..<500).map { Double($0 * index) }
                    do {
                        let file = try HDF5File.create(path: path)
                        let dataset = try file.createDataset("deep/values", values: values, shape: [25, 20])
                        try dataset.setAttribute("index", value: Int64(index))
                        try file.setAttribute("label", string: "file \(index)")
                    }
                    let file = try HDF5File.open(path: path, mode: .readOnly)
                    let dataset = try file.openDataset("deep/values")
                    return try dataset.read(Double.self) == values
                        && dataset.attribute("index", as: Int64.self) == Int64(index)
                        && file.stringAttribute("label") == "file \(index)"
                }
            }
            var results: [Bool] = []
            for try await result in group { results.append(result) }
            return results
        }

        #expect(results.count == tasks)
        #expect(results.allSatisfy { $0 })
        #expect(HDF5Library.unreportedCloseFailures.isEmpty)
    }
}
