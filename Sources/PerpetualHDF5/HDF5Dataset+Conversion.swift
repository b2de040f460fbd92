import CHDF5

extension HDF5Dataset {
    /// Returns whether the stored type is an integer or floating-point type of
    /// any size, which ``readConvertedToDouble()`` can read (`H5Tget_class`).
    package func isNumeric() throws -> Bool {
        let type = try datatype()
        let typeClass = try withExtendedLifetime(type) {
            try HDF5Library.withLock { H5Tget_class(type.id) }
        }
        return typeClass == H5T_INTEGER || typeClass == H5T_FLOAT
    }

    /// Reads all elements of a numeric dataset converted to `Double` by HDF5
    /// (`H5Dread` with `H5T_NATIVE_DOUBLE` as the memory type), in row-major
    /// order. Unlike ``read(_:)`` it accepts float32 and integer datasets, as
    /// files written by other tools contain; 64-bit integers above 2⁵³ lose
    /// precision.
    /// - Throws: ``HDF5Error`` when the dataset is not numeric or the read fails.
    package func readConvertedToDouble() throws -> [Double] {
        guard try isNumeric() else {
            throw HDF5Error(operation: "H5Dread", object: objectDescription,
                            stack: ["stored element type \(try elementType()) is not numeric"])
        }
        let count = try shape().reduce(1, *)
        var values = [Double](repeating: 0, count: count)
        if count == 0 { return values }
        try withExtendedLifetime(self) {
            try values.withUnsafeMutableBytes { buffer in
                try HDF5Call.status("H5Dread", objectDescription) {
                    H5Dread(id, perpetual_H5T_NATIVE_DOUBLE(), hid_t(H5S_ALL), hid_t(H5S_ALL), perpetual_H5P_DEFAULT(), buffer.baseAddress)
                }
            }
        }
        return values
    }
}
