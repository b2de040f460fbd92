import CHDF5

extension HDF5Location {
    /// Returns the names of the links in this group in the order they were
    /// created (`H5Lget_name_by_idx` with `H5_INDEX_CRT_ORDER`), or `nil` when
    /// the group keeps no creation-order index. netCDF-4 writers keep one, so
    /// this is the order in which they defined the variables.
    package func memberNamesInCreationOrder() throws -> [String]? {
        try withExtendedLifetime(self) {
            var info = H5G_info_t()
            try HDF5Call.status("H5Gget_info", objectDescription) { H5Gget_info(id, &info) }
            var names: [String] = []
            for index in 0..<info.nlinks {
                let length = try HDF5Library.withLock {
                    H5Lget_name_by_idx(id, ".", H5_INDEX_CRT_ORDER, H5_ITER_INC, index, nil, 0, perpetual_H5P_DEFAULT())
                }
                // A negative length here means that the group has no creation-order index.
                guard length >= 0 else { return nil }
                var buffer = [CChar](repeating: 0, count: Int(length) + 1)
                _ = try HDF5Call.count("H5Lget_name_by_idx", objectDescription) {
                    H5Lget_name_by_idx(id, ".", H5_INDEX_CRT_ORDER, H5_ITER_INC, index, &buffer, buffer.count, perpetual_H5P_DEFAULT())
                }
                names.append(String(decoding: buffer.prefix(Int(length)).map { UInt8(bitPattern: $0) }, as: UTF8.self))
            }
            return names
        }
    }
}

extension HDF5AttributeHost {
    /// Reads every element of a numeric attribute in row-major order,
    /// converted by HDF5 (`H5Aread`) to `Element`, for example the `int32`
    /// dimension ids of netCDF-4's `_Netcdf4Coordinates` as `Int64`.
    package func attributeValues<Element: HDF5Numeric>(_ name: String, as type: Element.Type) throws -> [Element] {
        let attribute = try HDF5Attribute.open(name, on: self)
        let count = try attribute.dataspace().shape().reduce(1, *)
        var values = [Element](repeating: Element.zero, count: count)
        try values.withUnsafeMutableBytes { buffer in
            guard let address = buffer.baseAddress else { return }
            try attribute.read(memoryType: { Element.memoryTypeID }, address)
        }
        return values
    }
}
