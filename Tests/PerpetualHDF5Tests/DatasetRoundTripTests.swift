import Foundation
import Testing
import PerpetualHDF5

@Suite("HDF5 dataset round trips")
struct DatasetRoundTripTests {
    struct ShapeCase: CustomTestStringConvertible, Sendable {
        var name: String
        var shape: [Int]
        var testDescription: String { name }
    }

    static let shapes: [ShapeCase] = [
        ShapeCase(name: "empty vector", shape: [0]),
        ShapeCase(name: "vector", shape: [5]),
        ShapeCase(name: "matrix", shape: [3, 4]),
        ShapeCase(name: "three dimensions", shape: [2, 3, 2]),
        ShapeCase(name: "empty middle dimension", shape: [2, 0, 3]),
    ]

    @Test("every numeric type keeps values and shape", arguments: shapes)
    func numericRoundTrip(_ shapeCase: ShapeCase) throws {
        let directory = try TemporaryDirectory("numeric")
        defer { directory.remove() }
        let path = directory.path("numbers.h5")
        let count = shapeCase.shape.reduce(1, *)
        let doubles: [Double] = (0..<count).map { index -> Double in
            let position = Double(index)
            return position * 0.25 - 1e300 / (position + 1)
        }
        let int64s = (0..<count).map { Int64($0) * -7_000_000_000_001 }
        let uint32s = (0..<count).map { UInt32.max - UInt32($0) }
        let uint64s = (0..<count).map { UInt64.max - UInt64($0) * 3 }

        do {
            let file = try HDF5File.create(path: path)
            _ = try file.createDataset("a/double", values: doubles, shape: shapeCase.shape)
            _ = try file.createDataset("a/b/int64", values: int64s, shape: shapeCase.shape)
            _ = try file.createDataset("uint32", values: uint32s, shape: shapeCase.shape)
            _ = try file.createDataset("uint64", values: uint64s, shape: shapeCase.shape)
            try file.close()
        }

        let file = try HDF5File.open(path: path, mode: .readOnly)
        let double = try file.openDataset("a/double")
        #expect(try double.shape() == shapeCase.shape)
        #expect(try double.elementType() == .float64)
        #expect(try double.read(Double.self) == doubles)
        #expect(try file.openDataset("a/b/int64").read(Int64.self) == int64s)
        #expect(try file.openDataset("uint32").read(UInt32.self) == uint32s)
        #expect(try file.openDataset("uint64").read(UInt64.self) == uint64s)
        #expect(try file.openDataset("uint64").elementType() == .uint64)
    }

    @Test("scalar datasets have no dimensions")
    func scalarRoundTrip() throws {
        let directory = try TemporaryDirectory("scalar")
        defer { directory.remove() }
        let path = directory.path("scalar.h5")

        do {
            let file = try HDF5File.create(path: path)
            _ = try file.createScalarDataset("pi", value: Double.pi)
            _ = try file.createScalarDataset("count", value: Int64.min)
            _ = try file.createStringDataset("nested/text", value: "Grüße, ∑ and 日本")
            _ = try file.createStringDataset("empty", value: "")
            try file.close()
        }

        let file = try HDF5File.open(path: path, mode: .readOnly)
        let pi = try file.openDataset("pi")
        #expect(try pi.isScalar())
        #expect(try pi.shape() == [])
        #expect(try pi.read(Double.self) == [Double.pi])
        #expect(try file.openDataset("count").read(Int64.self) == [Int64.min])
        #expect(try file.openDataset("nested/text").readString() == "Grüße, ∑ and 日本")
        #expect(try file.openDataset("nested/text").elementType() == .string)
        #expect(try file.openDataset("empty").readString() == "")
    }

    @Test("reading with another element type throws")
    func mismatchedReadThrows() throws {
        let directory = try TemporaryDirectory("mismatch")
        defer { directory.remove() }
        let path = directory.path("mismatch.h5")
        let file = try HDF5File.create(path: path)
        let dataset = try file.createDataset("values", values: [Int64(1), 2], shape: [2])

        #expect {
            _ = try dataset.read(Double.self)
        } throws: { error in
            let error = try #require(error as? HDF5Error)
            return error.operation == "H5Dread" && error.stack == ["stored element type is int64, expected float64"]
        }
    }

    @Test("groups list members and kinds")
    func groupListing() throws {
        let directory = try TemporaryDirectory("listing")
        defer { directory.remove() }
        let path = directory.path("listing.h5")
        let file = try HDF5File.create(path: path)
        _ = try file.createGroup("outer/inner")
        _ = try file.createScalarDataset("outer/value", value: 1.5)
        _ = try file.createScalarDataset("top", value: Int64(3))

        let outer = try file.openGroup("outer")
        #expect(try file.memberNames() == ["outer", "top"])
        #expect(try outer.memberNames() == ["inner", "value"])
        #expect(try outer.memberKind("inner") == .group)
        #expect(try outer.memberKind("value") == .dataset)
        #expect(outer.objectPath == "/outer")
        #expect(try file.contains("outer/inner"))
        #expect(try file.contains("/outer/value"))
        #expect(try !file.contains("outer/missing/deeper"))
        #expect(try !file.contains("missing"))
    }
}
