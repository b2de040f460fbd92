import CHDF5

/// Owner of an open HDF5 attribute; closes it with `H5Aclose`. Keeps the
/// object it is attached to alive.
package final class HDF5Attribute {
    let id: hid_t
    private let host: any HDF5AttributeHost
    private let name: String

    private init(id: hid_t, host: any HDF5AttributeHost, name: String) {
        self.id = id
        self.host = host
        self.name = name
    }

    /// Creates an attribute (`H5Acreate2`). `fileType` is evaluated under the HDF5 lock.
    static func create(_ name: String, on host: any HDF5AttributeHost, fileType: () -> hid_t, space: HDF5Dataspace) throws -> HDF5Attribute {
        let object = "attribute '\(name)' of \(host.objectDescription)"
        let id = try withExtendedLifetime((host, space)) {
            try HDF5Call.id("H5Acreate2", object) {
                H5Acreate2(host.id, name, fileType(), space.id, perpetual_H5P_DEFAULT(), perpetual_H5P_DEFAULT())
            }
        }
        return HDF5Attribute(id: id, host: host, name: name)
    }

    /// Opens an existing attribute (`H5Aopen`).
    static func open(_ name: String, on host: any HDF5AttributeHost) throws -> HDF5Attribute {
        let id = try withExtendedLifetime(host) {
            try HDF5Call.id("H5Aopen", "attribute '\(name)' of \(host.objectDescription)") {
                H5Aopen(host.id, name, perpetual_H5P_DEFAULT())
            }
        }
        return HDF5Attribute(id: id, host: host, name: name)
    }

    deinit {
        HDF5Handle.closeFromDeinit("H5Aclose", description) { H5Aclose(id) }
    }

    var description: String { "attribute '\(name)' of \(host.objectDescription)" }

    /// The attribute's dataspace (`H5Aget_space`).
    func dataspace() throws -> HDF5Dataspace {
        let spaceID = try withExtendedLifetime(self) {
            try HDF5Call.id("H5Aget_space", description) { H5Aget_space(id) }
        }
        return HDF5Dataspace(owning: spaceID, object: "dataspace of \(description)")
    }

    /// The attribute's file datatype (`H5Aget_type`).
    func datatype() throws -> HDF5Datatype {
        let typeID = try withExtendedLifetime(self) {
            try HDF5Call.id("H5Aget_type", description) { H5Aget_type(id) }
        }
        return HDF5Datatype(owning: typeID, object: "datatype of \(description)")
    }

    /// Writes the whole attribute from `buffer` in memory type `memoryType` (`H5Awrite`).
    func write(memoryType: () -> hid_t, _ buffer: UnsafeRawPointer) throws {
        try withExtendedLifetime(self) {
            try HDF5Call.status("H5Awrite", description) { H5Awrite(id, memoryType(), buffer) }
        }
    }

    /// Reads the whole attribute into `buffer` in memory type `memoryType` (`H5Aread`).
    func read(memoryType: () -> hid_t, _ buffer: UnsafeMutableRawPointer) throws {
        try withExtendedLifetime(self) {
            try HDF5Call.status("H5Aread", description) { H5Aread(id, memoryType(), buffer) }
        }
    }
}
