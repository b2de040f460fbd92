import CHDF5

extension HDF5AttributeHost {
    /// Whether an attribute called `name` exists (`H5Aexists`).
    package func hasAttribute(_ name: String) throws -> Bool {
        try withExtendedLifetime(self) {
            try HDF5Call.truth("H5Aexists", "attribute '\(name)' of \(objectDescription)") { H5Aexists(id, name) }
        }
    }

    /// Creates a scalar numeric attribute.
    package func setAttribute<Element: HDF5Numeric>(_ name: String, value: Element) throws {
        let attribute = try HDF5Attribute.create(name, on: self, fileType: { Element.fileTypeID }, space: try .scalar())
        try withUnsafeBytes(of: value) { buffer in
            try attribute.write(memoryType: { Element.memoryTypeID }, buffer.baseAddress!)
        }
    }

    /// Creates a scalar variable-length UTF-8 string attribute.
    package func setAttribute(_ name: String, string: String) throws {
        let type = try HDF5Datatype.variableUTF8String()
        let attribute = try HDF5Attribute.create(name, on: self, fileType: { type.id }, space: try .scalar())
        try withExtendedLifetime(type) {
            try HDF5StringIO.writeVariable([string], object: attribute.description) { buffer in
                try attribute.write(memoryType: { type.id }, buffer)
            }
        }
    }

    /// Creates a one-dimensional attribute of variable-length UTF-8 strings;
    /// h5py reads it as an array of `str`.
    package func setAttribute(_ name: String, strings: [String]) throws {
        let type = try HDF5Datatype.variableUTF8String()
        let attribute = try HDF5Attribute.create(name, on: self, fileType: { type.id }, space: try HDF5Dataspace(shape: [strings.count]))
        if strings.isEmpty { return }
        try withExtendedLifetime(type) {
            try HDF5StringIO.writeVariable(strings, object: attribute.description) { buffer in
                try attribute.write(memoryType: { type.id }, buffer)
            }
        }
    }

    /// Reads a scalar numeric attribute.
    /// - Throws: ``HDF5Error`` when the attribute is missing, not scalar, or
    ///   stored with another element type (no conversion is attempted).
    package func attribute<Element: HDF5Numeric>(_ name: String, as type: Element.Type) throws -> Element {
        let attribute = try HDF5Attribute.open(name, on: self)
        let stored = try attribute.datatype().elementType()
        let shape = try attribute.dataspace().shape()
        guard stored == Element.elementType, shape.allSatisfy({ $0 == 1 }) else {
            throw HDF5Error(operation: "H5Aread", object: attribute.description,
                            stack: ["stored \(stored) of shape \(shape), expected one \(Element.elementType)"])
        }
        var value = Element.zero
        try withUnsafeMutableBytes(of: &value) { buffer in
            try attribute.read(memoryType: { Element.memoryTypeID }, buffer.baseAddress!)
        }
        return value
    }

    /// Reads a scalar string attribute, fixed or variable length, in the
    /// character set stored in the file.
    package func stringAttribute(_ name: String) throws -> String {
        let strings = try stringsAttribute(name)
        guard strings.count == 1 else {
            throw HDF5Error(operation: "H5Aread", object: "attribute '\(name)' of \(objectDescription)",
                            stack: ["expected one string, the attribute holds \(strings.count)"])
        }
        return strings[0]
    }

    /// Reads every string of a string attribute in row-major order.
    package func stringsAttribute(_ name: String) throws -> [String] {
        let attribute = try HDF5Attribute.open(name, on: self)
        let fileType = try attribute.datatype()
        guard try fileType.elementType() == .string else {
            throw HDF5Error(operation: "H5Aread", object: attribute.description,
                            stack: ["stored \(try fileType.elementType()), expected a string"])
        }
        let count = try HDF5ReadSize.elementCount(shape: try attribute.dataspace().shape(), bytesPerElement: try fileType.size(),
                                                  operation: "H5Aread", object: attribute.description)
        return try HDF5StringIO.read(count: count, fileType: fileType, object: attribute.description) { memoryType, buffer in
            try withExtendedLifetime(memoryType) {
                try attribute.read(memoryType: { memoryType.id }, buffer)
            }
        }
    }
}
