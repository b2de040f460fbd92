import CHDF5

/// Owner of an HDF5 property list; closes it with `H5Pclose`.
package final class HDF5PropertyList {
    let id: hid_t
    private let purpose: String

    /// Creates a property list of a class with `H5Pcreate`.
    private init(classID: () -> hid_t, purpose: String) throws {
        self.id = try HDF5Call.id("H5Pcreate", purpose) { H5Pcreate(classID()) }
        self.purpose = purpose
    }

    deinit {
        HDF5Handle.closeFromDeinit("H5Pclose", purpose) { H5Pclose(id) }
    }

    /// File access list for the POSIX sec2 driver (`H5Pset_fapl_sec2`) with
    /// the close degree `H5F_CLOSE_SEMI`, so that closing a file while one of
    /// its objects is still open fails instead of deferring the close.
    package static func fileAccess(for path: String) throws -> HDF5PropertyList {
        let list = try HDF5PropertyList(classID: { perpetual_H5P_FILE_ACCESS() }, purpose: "file access list for \(path)")
        try HDF5Call.status("H5Pset_fapl_sec2", path) { H5Pset_fapl_sec2(list.id) }
        try HDF5Call.status("H5Pset_fclose_degree", path) { H5Pset_fclose_degree(list.id, H5F_CLOSE_SEMI) }
        return list
    }

    /// Link creation list that creates missing intermediate groups
    /// (`H5Pset_create_intermediate_group`), so `a/b/c` can be created in one call.
    package static func linkCreationWithIntermediateGroups() throws -> HDF5PropertyList {
        let list = try HDF5PropertyList(classID: { perpetual_H5P_LINK_CREATE() }, purpose: "link creation list")
        try HDF5Call.status("H5Pset_create_intermediate_group", "link creation list") {
            H5Pset_create_intermediate_group(list.id, 1)
        }
        return list
    }
}
