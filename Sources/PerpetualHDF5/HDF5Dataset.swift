import CHDF5

/// Owner of an open HDF5 dataset; closes it with `H5Dclose`. Keeps its
/// parent group (and so the file) alive.
package final class HDF5Dataset: HDF5AttributeHost {
    package let id: hid_t
    private let parent: any HDF5Location
    package let objectPath: String

    private init(id: hid_t, parent: any HDF5Location, objectPath: String) {
        self.id = id
        self.parent = parent
        self.objectPath = objectPath
    }

    /// Creates a dataset with the default (contiguous) layout (`H5Dcreate2`).
    /// Missing intermediate groups of a nested `name` are created. `fileType`
    /// is evaluated under the HDF5 lock, because predefined type ids are valid
    /// only after `H5open`.
    static func create(_ name: String, in parent: any HDF5Location, fileType: () -> hid_t, space: HDF5Dataspace,
                       creation: HDF5PropertyList? = nil) throws -> HDF5Dataset {
        let path = HDF5Handle.join(parent.objectPath, name)
        let links = try HDF5PropertyList.linkCreationWithIntermediateGroups()
        let id = try withExtendedLifetime((parent, links, space, creation)) {
            try HDF5Call.id("H5Dcreate2", "\(parent.file.path):\(path)") {
                H5Dcreate2(parent.id, name, fileType(), space.id, links.id, creation?.id ?? perpetual_H5P_DEFAULT(), perpetual_H5P_DEFAULT())
            }
        }
        return HDF5Dataset(id: id, parent: parent, objectPath: path)
    }

    /// Opens an existing dataset (`H5Dopen2`).
    static func open(_ name: String, in parent: any HDF5Location) throws -> HDF5Dataset {
        let path = HDF5Handle.join(parent.objectPath, name)
        let id = try withExtendedLifetime(parent) {
            try HDF5Call.id("H5Dopen2", "\(parent.file.path):\(path)") {
                H5Dopen2(parent.id, name, perpetual_H5P_DEFAULT())
            }
        }
        return HDF5Dataset(id: id, parent: parent, objectPath: path)
    }

    deinit {
        HDF5Handle.closeFromDeinit("H5Dclose", "\(parent.file.path):\(objectPath)") { H5Dclose(id) }
    }

    package var file: HDF5File { parent.file }

    // MARK: Shape and type

    /// The dataset's dataspace (`H5Dget_space`).
    func dataspace() throws -> HDF5Dataspace {
        let spaceID = try withExtendedLifetime(self) {
            try HDF5Call.id("H5Dget_space", objectDescription) { H5Dget_space(id) }
        }
        return HDF5Dataspace(owning: spaceID, object: "dataspace of \(objectDescription)")
    }

    /// The dataset's file datatype (`H5Dget_type`).
    func datatype() throws -> HDF5Datatype {
        let typeID = try withExtendedLifetime(self) {
            try HDF5Call.id("H5Dget_type", objectDescription) { H5Dget_type(id) }
        }
        return HDF5Datatype(owning: typeID, object: "datatype of \(objectDescription)")
    }

    /// Dimensions, `[]` for a scalar dataset.
    package func shape() throws -> [Int] {
        try dataspace().shape()
    }

    /// Whether the dataset has a scalar dataspace (one value, no dimensions).
    package func isScalar() throws -> Bool {
        try dataspace().isScalar()
    }

    /// Element type as stored in the file.
    package func elementType() throws -> HDF5ElementType {
        try datatype().elementType()
    }

    // MARK: Numbers

    /// Writes all elements (`H5Dwrite` of the whole dataspace). Skips the call
    /// for an empty dataset, because HDF5 rejects a null buffer.
    func write<Element: HDF5Numeric>(_ values: [Element]) throws {
        if values.isEmpty { return }
        if file.comm == nil {
            try HDF5WriteFaultInjection.stallAndFailIfRequested(object: objectDescription)
        }
        try withExtendedLifetime(self) {
            try values.withUnsafeBytes { buffer in
                try HDF5Call.status("H5Dwrite", objectDescription) {
                    H5Dwrite(id, Element.memoryTypeID, hid_t(H5S_ALL), hid_t(H5S_ALL), perpetual_H5P_DEFAULT(), buffer.baseAddress)
                }
            }
        }
    }

    /// Reads all elements in row-major order (`H5Dread`); a scalar dataset
    /// gives one element.
    /// - Throws: ``HDF5Error`` when the stored element type is not `Element`
    ///   (no conversion is attempted, so an int64 dataset is never read as
    ///   float64), when the dimensions need more memory than the host has
    ///   (see ``HDF5ReadSize``), or when the read fails.
    package func read<Element: HDF5Numeric>(_ type: Element.Type) throws -> [Element] {
        let stored = try elementType()
        guard stored == Element.elementType else {
            throw HDF5Error(operation: "H5Dread", object: objectDescription,
                            stack: ["stored element type is \(stored), expected \(Element.elementType)"])
        }
        let count = try HDF5ReadSize.elementCount(shape: try shape(), bytesPerElement: MemoryLayout<Element>.stride,
                                                  operation: "H5Dread", object: objectDescription)
        var values = [Element](repeating: .zero, count: count)
        if count == 0 { return values }
        try withExtendedLifetime(self) {
            try values.withUnsafeMutableBytes { buffer in
                try HDF5Call.status("H5Dread", objectDescription) {
                    H5Dread(id, Element.memoryTypeID, hid_t(H5S_ALL), hid_t(H5S_ALL), perpetual_H5P_DEFAULT(), buffer.baseAddress)
                }
            }
        }
        return values
    }

    // MARK: Strings

    /// Writes the one string of a scalar variable-length string dataset.
    func writeString(_ value: String) throws {
        let type = try HDF5Datatype.variableUTF8String()
        try withExtendedLifetime((self, type)) {
            try HDF5StringIO.writeVariable([value], object: objectDescription) { buffer in
                try HDF5Call.status("H5Dwrite", objectDescription) {
                    H5Dwrite(id, type.id, hid_t(H5S_ALL), hid_t(H5S_ALL), perpetual_H5P_DEFAULT(), buffer)
                }
            }
        }
    }

    /// Reads the string of a scalar string dataset, fixed or variable length,
    /// in the character set stored in the file.
    /// - Throws: ``HDF5Error`` when the dataset contains other than one string,
    ///   checked before anything is read, or when the read fails.
    package func readString() throws -> String {
        let shape = try shape()
        guard shape.allSatisfy({ $0 == 1 }) else {
            throw HDF5Error(operation: "H5Dread", object: objectDescription,
                            stack: ["expected one string, the dataset has shape \(shape)"])
        }
        let strings = try readStrings()
        guard strings.count == 1 else {
            throw HDF5Error(operation: "H5Dread", object: objectDescription,
                            stack: ["expected one string, the dataset holds \(strings.count)"])
        }
        return strings[0]
    }

    /// Reads every string of a string dataset in row-major order.
    package func readStrings() throws -> [String] {
        let fileType = try datatype()
        let count = try HDF5ReadSize.elementCount(shape: try shape(), bytesPerElement: try fileType.size(),
                                                  operation: "H5Dread", object: objectDescription)
        return try withExtendedLifetime(self) {
            try HDF5StringIO.read(count: count, fileType: fileType, object: objectDescription) { memoryType, buffer in
                try HDF5Call.status("H5Dread", objectDescription) {
                    H5Dread(id, memoryType.id, hid_t(H5S_ALL), hid_t(H5S_ALL), perpetual_H5P_DEFAULT(), buffer)
                }
            }
        }
    }
}
