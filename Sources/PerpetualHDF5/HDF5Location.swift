import CHDF5

/// Anything in an HDF5 file that can carry attributes: the file's root
/// group, a group or a dataset.
package protocol HDF5AttributeHost: AnyObject {
    /// The open identifier. Pass it to C only inside `withExtendedLifetime(self)`.
    var id: hid_t { get }
    var file: HDF5File { get }
    /// Absolute path inside the file, `/` for the root group.
    var objectPath: String { get }
}

/// A file or group: a place that holds named groups and datasets.
package protocol HDF5Location: HDF5AttributeHost {}

/// Kind of object a link in a group points to.
package enum HDF5ObjectKind: Sendable, Equatable {
    case group
    case dataset
    case other
}

extension HDF5AttributeHost {
    /// `file:path` for error messages.
    var objectDescription: String { "\(file.path):\(objectPath)" }
}

extension HDF5Location {
    /// Creates a group; `name` may be nested (`a/b`), missing intermediate
    /// groups are created (`H5Gcreate2`).
    package func createGroup(_ name: String) throws -> HDF5Group {
        try HDF5Group.create(name, in: self)
    }

    /// Opens a group; `name` may be nested (`H5Gopen2`).
    package func openGroup(_ name: String) throws -> HDF5Group {
        try HDF5Group.open(name, in: self)
    }

    /// Whether a link called `path` exists, checking each component of a
    /// nested path in turn (`H5Lexists` fails when an intermediate group is
    /// missing, so it is never asked about a path whose prefix is absent).
    package func contains(_ path: String) throws -> Bool {
        let components = path.split(separator: "/", omittingEmptySubsequences: true)
        var prefix = path.hasPrefix("/") ? "/" : ""
        for component in components {
            prefix += prefix.isEmpty || prefix.hasSuffix("/") ? String(component) : "/" + component
            let candidate = prefix
            let exists = try withExtendedLifetime(self) {
                try HDF5Call.truth("H5Lexists", "\(objectDescription) member \(candidate)") {
                    H5Lexists(id, candidate, perpetual_H5P_DEFAULT())
                }
            }
            if !exists { return false }
        }
        return true
    }

    /// Names of the links in this group, in name order (`H5Gget_info`,
    /// `H5Lget_name_by_idx` with `H5_INDEX_NAME`).
    package func memberNames() throws -> [String] {
        try withExtendedLifetime(self) {
            var info = H5G_info_t()
            try HDF5Call.status("H5Gget_info", objectDescription) { H5Gget_info(id, &info) }
            return try (0..<info.nlinks).map { index in
                let length = try HDF5Call.count("H5Lget_name_by_idx", objectDescription) {
                    H5Lget_name_by_idx(id, ".", H5_INDEX_NAME, H5_ITER_INC, index, nil, 0, perpetual_H5P_DEFAULT())
                }
                var buffer = [CChar](repeating: 0, count: length + 1)
                _ = try HDF5Call.count("H5Lget_name_by_idx", objectDescription) {
                    H5Lget_name_by_idx(id, ".", H5_INDEX_NAME, H5_ITER_INC, index, &buffer, buffer.count, perpetual_H5P_DEFAULT())
                }
                return String(decoding: buffer.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
            }
        }
    }

    /// Kind of the object that `name` links to (`H5Oget_info_by_name2`).
    package func memberKind(_ name: String) throws -> HDF5ObjectKind {
        try withExtendedLifetime(self) {
            var info = H5O_info_t()
            try HDF5Call.status("H5Oget_info_by_name2", "\(objectDescription) member \(name)") {
                H5Oget_info_by_name2(id, name, &info, UInt32(H5O_INFO_BASIC), perpetual_H5P_DEFAULT())
            }
            switch info.type {
            case H5O_TYPE_GROUP: return .group
            case H5O_TYPE_DATASET: return .dataset
            default: return .other
            }
        }
    }

    /// Creates a contiguous dataset of `shape` and writes `values`, stored
    /// row-major. `name` may be nested; an empty `values` with a zero
    /// dimension is allowed. Traps when the shape does not match the count.
    package func createDataset<Element: HDF5Numeric>(_ name: String, values: [Element], shape: [Int]) throws -> HDF5Dataset {
        precondition(shape.reduce(1, *) == values.count, "dataset '\(name)' of shape \(shape) needs \(shape.reduce(1, *)) values, \(values.count) were given")
        let space = try HDF5Dataspace(shape: shape)
        let dataset = try HDF5Dataset.create(name, in: self, fileType: { Element.fileTypeID }, space: space)
        try dataset.write(values)
        return dataset
    }

    /// Creates a scalar dataset holding `value`.
    package func createScalarDataset<Element: HDF5Numeric>(_ name: String, value: Element) throws -> HDF5Dataset {
        let dataset = try HDF5Dataset.create(name, in: self, fileType: { Element.fileTypeID }, space: try .scalar())
        try dataset.write([value])
        return dataset
    }

    /// Creates a scalar dataset holding one variable-length UTF-8 string.
    /// Traps when `value` contains a NUL character, which C strings cannot hold.
    package func createStringDataset(_ name: String, value: String) throws -> HDF5Dataset {
        let type = try HDF5Datatype.variableUTF8String()
        let dataset = try withExtendedLifetime(type) {
            try HDF5Dataset.create(name, in: self, fileType: { type.id }, space: try .scalar())
        }
        try dataset.writeString(value)
        return dataset
    }

    /// Opens an existing dataset; `name` may be nested (`H5Dopen2`).
    package func openDataset(_ name: String) throws -> HDF5Dataset {
        try HDF5Dataset.open(name, in: self)
    }
}
