import CHDF5

/// Owner of an HDF5 datatype that this process opened or copied; closes it
/// with `H5Tclose`. Predefined types such as `H5T_NATIVE_DOUBLE` are never
/// wrapped, because they must not be closed.
package final class HDF5Datatype {
    let id: hid_t
    private let object: String

    /// Wraps a datatype id that the caller owns from now on.
    init(owning id: hid_t, object: String) {
        self.id = id
        self.object = object
    }

    deinit {
        HDF5Handle.closeFromDeinit("H5Tclose", object) { H5Tclose(id) }
    }

    /// A variable-length UTF-8 string type (`H5Tcopy(H5T_C_S1)`,
    /// `H5Tset_size(H5T_VARIABLE)`, `H5Tset_cset(H5T_CSET_UTF8)`). h5py reads
    /// datasets and attributes of this type as `str`.
    static func variableUTF8String() throws -> HDF5Datatype {
        try variableString(characterSet: H5T_CSET_UTF8)
    }

    /// A variable-length string type in `characterSet`.
    static func variableString(characterSet: H5T_cset_t) throws -> HDF5Datatype {
        let object = "variable-length string type"
        let type = HDF5Datatype(owning: try HDF5Call.id("H5Tcopy", object) { H5Tcopy(perpetual_H5T_C_S1()) }, object: object)
        try HDF5Call.status("H5Tset_size", object) { H5Tset_size(type.id, perpetual_H5T_VARIABLE()) }
        try HDF5Call.status("H5Tset_cset", object) { H5Tset_cset(type.id, characterSet) }
        return type
    }

    /// A copy of this type (`H5Tcopy`), for use as a memory type.
    func copy() throws -> HDF5Datatype {
        HDF5Datatype(owning: try HDF5Call.id("H5Tcopy", object) { H5Tcopy(id) }, object: "copy of \(object)")
    }

    /// Whether this is a variable-length string type (`H5Tis_variable_str`).
    func isVariableString() throws -> Bool {
        try HDF5Call.truth("H5Tis_variable_str", object) { H5Tis_variable_str(id) }
    }

    /// Size of one element in bytes (`H5Tget_size`).
    func size() throws -> Int {
        try HDF5Call.size("H5Tget_size", object) { H5Tget_size(id) }
    }

    /// Character set of a string type (`H5Tget_cset`).
    func characterSet() throws -> H5T_cset_t {
        try HDF5Library.withLock {
            let set = H5Tget_cset(id)
            if set == H5T_CSET_ERROR { throw HDF5Call.failure("H5Tget_cset", object) }
            return set
        }
    }

    /// Padding of a fixed-length string type (`H5Tget_strpad`).
    func stringPadding() throws -> H5T_str_t {
        try HDF5Library.withLock {
            let padding = H5Tget_strpad(id)
            if padding == H5T_STR_ERROR { throw HDF5Call.failure("H5Tget_strpad", object) }
            return padding
        }
    }

    /// Classifies the type (`H5Tget_class`, `H5Tget_size`, `H5Tget_sign`).
    func elementType() throws -> HDF5ElementType {
        let typeClass = try HDF5Library.withLock {
            let typeClass = H5Tget_class(id)
            if typeClass == H5T_NO_CLASS { throw HDF5Call.failure("H5Tget_class", object) }
            return typeClass
        }
        if typeClass == H5T_STRING { return .string }
        let bytes = try size()
        if typeClass == H5T_FLOAT {
            return bytes == 8 ? .float64 : .unsupported("\(bytes * 8)-bit float")
        }
        guard typeClass == H5T_INTEGER else { return .unsupported("HDF5 type class \(typeClass.rawValue)") }
        let sign = try HDF5Library.withLock {
            let sign = H5Tget_sign(id)
            if sign == H5T_SGN_ERROR { throw HDF5Call.failure("H5Tget_sign", object) }
            return sign
        }
        switch (sign == H5T_SGN_NONE, bytes) {
        case (false, 8): return .int64
        case (true, 4): return .uint32
        case (true, 8): return .uint64
        case (let unsigned, _): return .unsupported("\(unsigned ? "unsigned" : "signed") \(bytes * 8)-bit integer")
        }
    }
}
