import CHDF5

extension HDF5Location {
    /// Creates a hard link `name` to the existing object at `target`, so that
    /// one group or dataset has two paths (`H5Lcreate_hard`). Both paths are
    /// relative to this location or absolute; missing intermediate groups
    /// of `name` are created.
    package func createHardLink(_ name: String, to target: String) throws {
        let links = try HDF5PropertyList.linkCreationWithIntermediateGroups()
        try withExtendedLifetime((self, links)) {
            try HDF5Call.status("H5Lcreate_hard", "\(objectDescription) link \(name) to \(target)") {
                H5Lcreate_hard(id, target, id, name, links.id, perpetual_H5P_DEFAULT())
            }
        }
    }
}

extension HDF5AttributeHost {
    /// Creates a one-dimensional numeric attribute of `values.count` elements.
    package func setAttribute<Element: HDF5Numeric>(_ name: String, values: [Element]) throws {
        let space = try HDF5Dataspace(shape: [values.count])
        let attribute = try HDF5Attribute.create(name, on: self, fileType: { Element.fileTypeID }, space: space)
        guard !values.isEmpty else { return }
        try values.withUnsafeBytes { buffer in
            try attribute.write(memoryType: { Element.memoryTypeID }, buffer.baseAddress!)
        }
    }
}
