import CHDF5

/// Owner of an open HDF5 group; closes it with `H5Gclose`. Keeps its parent
/// (and so the file) alive.
package final class HDF5Group: HDF5Location {
    package let id: hid_t
    private let parent: any HDF5Location
    package let objectPath: String

    private init(id: hid_t, parent: any HDF5Location, objectPath: String) {
        self.id = id
        self.parent = parent
        self.objectPath = objectPath
    }

    /// Creates a group, including missing intermediate groups of a nested
    /// `name` such as `a/b/c` (`H5Gcreate2`).
    static func create(_ name: String, in parent: any HDF5Location) throws -> HDF5Group {
        let path = HDF5Handle.join(parent.objectPath, name)
        let links = try HDF5PropertyList.linkCreationWithIntermediateGroups()
        let id = try withExtendedLifetime((parent, links)) {
            try HDF5Call.id("H5Gcreate2", "\(parent.file.path):\(path)") {
                H5Gcreate2(parent.id, name, links.id, perpetual_H5P_DEFAULT(), perpetual_H5P_DEFAULT())
            }
        }
        return HDF5Group(id: id, parent: parent, objectPath: path)
    }

    /// Opens an existing group (`H5Gopen2`).
    static func open(_ name: String, in parent: any HDF5Location) throws -> HDF5Group {
        let path = HDF5Handle.join(parent.objectPath, name)
        let id = try withExtendedLifetime(parent) {
            try HDF5Call.id("H5Gopen2", "\(parent.file.path):\(path)") {
                H5Gopen2(parent.id, name, perpetual_H5P_DEFAULT())
            }
        }
        return HDF5Group(id: id, parent: parent, objectPath: path)
    }

    deinit {
        HDF5Handle.closeFromDeinit("H5Gclose", "\(parent.file.path):\(objectPath)") { H5Gclose(id) }
    }

    package var file: HDF5File { parent.file }
}
