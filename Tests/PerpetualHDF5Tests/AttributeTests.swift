import Foundation
import Testing
import PerpetualHDF5

@Suite("HDF5 attributes")
struct AttributeTests {
    @Test("numeric and string attributes round trip")
    func attributeRoundTrip() throws {
        let directory = try TemporaryDirectory("attributes")
        defer { directory.remove() }
        let path = directory.path("attributes.h5")

        do {
            let file = try HDF5File.create(path: path)
            try file.setAttribute("double", value: -0.0)
            try file.setAttribute("int64", value: Int64(-42))
            try file.setAttribute("uint32", value: UInt32(7))
            try file.setAttribute("uint64", value: UInt64.max)
            try file.setAttribute("text", string: "μ = 0.5")
            do {
                let dataset = try file.createScalarDataset("group/value", value: 1.0)
                try dataset.setAttribute("names", strings: ["chain", "draw", "école"])
                try dataset.setAttribute("no names", strings: [])
            }
            try file.close()
        }

        let file = try HDF5File.open(path: path, mode: .readOnly)
        #expect(try file.attribute("double", as: Double.self).bitPattern == (-0.0).bitPattern)
        #expect(try file.attribute("int64", as: Int64.self) == -42)
        #expect(try file.attribute("uint32", as: UInt32.self) == 7)
        #expect(try file.attribute("uint64", as: UInt64.self) == UInt64.max)
        #expect(try file.stringAttribute("text") == "μ = 0.5")
        #expect(try file.hasAttribute("text"))
        #expect(try !file.hasAttribute("missing"))
        let dataset = try file.openDataset("group/value")
        #expect(try dataset.stringsAttribute("names") == ["chain", "draw", "école"])
        #expect(try dataset.stringsAttribute("no names") == [])
    }

    @Test("numeric attribute of another type throws")
    func mismatchedAttributeThrows() throws {
        let directory = try TemporaryDirectory("attribute-mismatch")
        defer { directory.remove() }
        let file = try HDF5File.create(path: directory.path("mismatch.h5"))
        try file.setAttribute("count", value: Int64(3))

        #expect(throws: HDF5Error.self) {
            _ = try file.attribute("count", as: UInt64.self)
        }
    }

    /// h5py writes fixed-length strings in ASCII and UTF-8 and with several
    /// paddings; the reader must take the character set from the file type.
    @Test("fixed-length strings written by h5py are read")
    func fixedLengthStringsFromPython() throws {
        let directory = try TemporaryDirectory("fixed-strings")
        defer { directory.remove() }
        let path = directory.path("fixed.h5")
        let script = """
        import sys, h5py, numpy as np
        with h5py.File(sys.argv[1], "w") as f:
            ascii_type = h5py.string_dtype("ascii", 8)
            utf8_type = h5py.string_dtype("utf-8", 12)
            f.attrs.create("ascii", np.array(b"abc", dtype=ascii_type))
            f.attrs.create("utf8", np.array("Grüße".encode(), dtype=utf8_type))
            f.attrs.create("full", np.array(b"12345678", dtype=ascii_type))
            f.create_dataset("text", data=np.array("日本".encode(), dtype=utf8_type))
        """
        let status = try PythonRunner.run(script: script, arguments: [path])
        try #require(status == 0)

        let file = try HDF5File.open(path: path, mode: .readOnly)
        #expect(try file.stringAttribute("ascii") == "abc")
        #expect(try file.stringAttribute("utf8") == "Grüße")
        #expect(try file.stringAttribute("full") == "12345678")
        #expect(try file.openDataset("text").readString() == "日本")
    }
}

enum PythonRunner {
    /// Runs `python3 -c script arguments…` and returns its exit status.
    static func run(script: String, arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}
