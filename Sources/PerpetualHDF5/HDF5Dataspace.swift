import CHDF5

/// Owner of an HDF5 dataspace; closes it with `H5Sclose`.
package final class HDF5Dataspace {
    let id: hid_t
    private let object: String

    /// Wraps a dataspace id that the caller owns from now on.
    init(owning id: hid_t, object: String) {
        self.id = id
        self.object = object
    }

    /// Creates a simple dataspace of fixed `shape` (`H5Screate_simple`).
    /// Zero-length dimensions are allowed.
    package convenience init(shape: [Int]) throws {
        precondition(!shape.isEmpty, "a simple dataspace needs at least one dimension; use HDF5Dataspace.scalar() for a single value")
        precondition(shape.allSatisfy { $0 >= 0 }, "dataspace dimensions must not be negative: \(shape)")
        let dimensions = shape.map { hsize_t($0) }
        let id = try HDF5Call.id("H5Screate_simple", "dataspace of shape \(shape)") {
            H5Screate_simple(Int32(dimensions.count), dimensions, nil)
        }
        self.init(owning: id, object: "dataspace of shape \(shape)")
    }

    /// Creates a scalar dataspace (`H5Screate(H5S_SCALAR)`).
    package static func scalar() throws -> HDF5Dataspace {
        let id = try HDF5Call.id("H5Screate", "scalar dataspace") { H5Screate(H5S_SCALAR) }
        return HDF5Dataspace(owning: id, object: "scalar dataspace")
    }

    deinit {
        HDF5Handle.closeFromDeinit("H5Sclose", object) { H5Sclose(id) }
    }

    /// Whether this is a scalar dataspace (`H5Sget_simple_extent_type`).
    package func isScalar() throws -> Bool {
        try HDF5Library.withLock {
            let kind = H5Sget_simple_extent_type(id)
            if kind == H5S_NO_CLASS { throw HDF5Call.failure("H5Sget_simple_extent_type", object) }
            return kind == H5S_SCALAR
        }
    }

    /// Dimensions of a simple dataspace, `[]` for a scalar one
    /// (`H5Sget_simple_extent_ndims`, `H5Sget_simple_extent_dims`).
    /// - Throws: ``HDF5Error`` when a call fails or a dimension exceeds `Int.max`.
    package func shape() throws -> [Int] {
        let rank = try HDF5Call.count("H5Sget_simple_extent_ndims", object) { H5Sget_simple_extent_ndims(id) }
        if rank == 0 { return [] }
        var dimensions = [hsize_t](repeating: 0, count: rank)
        _ = try HDF5Call.count("H5Sget_simple_extent_dims", object) {
            H5Sget_simple_extent_dims(id, &dimensions, nil)
        }
        return try HDF5ReadSize.dimensions(dimensions, object: object)
    }
}
