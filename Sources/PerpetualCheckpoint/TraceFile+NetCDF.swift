import PerpetualCore
import PerpetualHDF5

/// netCDF-4 dimensions for a consolidated trace, so that xarray
/// (`open_dataset(path, group: "posterior")`) and ArviZ (`from_netcdf`) read
/// it with named dimensions.
///
/// In each group, every dimension name its variables use (`chain`, `draw`,
/// `school`, …) gets a coordinate variable of that name: an int64 dataset
/// holding `0..<length` with its `xxh64` checksum, marked as an HDF5
/// dimension scale and attached to the matching dimension of each variable. netCDF-4 stores dimensions the
/// same way, and ArviZ's default coordinates are these integer ranges.
enum TraceNetCDFDimensions {
    /// Creates and attaches the dimension scales of every group of `schema`.
    ///
    /// A dimension is left without a scale when a variable of the same group
    /// already has its name, or when two variables give it different lengths.
    /// netCDF readers then name that dimension themselves (`phony_dim_…`).
    static func attach(in file: HDF5File, schema: TraceSchema, rowCount: Int) throws {
        let groups = schema.variables.reduce(into: [String]()) { groups, variable in
            if !groups.contains(variable.group) { groups.append(variable.group) }
        }
        for group in groups {
            let variables = schema.variables.filter { $0.group == group }
            let lengths = dimensionLengths(of: variables, schema: schema, rowCount: rowCount)
            let variableNames = Set(variables.map(\.name))
            var scales: [String: HDF5Dataset] = [:]
            for (name, length) in lengths where !variableNames.contains(name) {
                guard let length else { continue }
                let path = "\(group)/\(name)"
                try file.writeChecksummed(path, values: (0..<Int64(length)).map { $0 }, shape: [length])
                let scale = try file.openDataset(path)
                try scale.makeDimensionScale(name: name)
                scales[name] = scale
            }
            for variable in variables {
                let dataset = try file.openDataset("\(group)/\(variable.name)")
                let names = TraceFile.storedDimensions(of: variable, rowDimension: schema.rowDimension)
                for (index, name) in names.enumerated() {
                    if let scale = scales[name] {
                        try dataset.attachDimensionScale(scale, dimension: index)
                    }
                }
            }
        }
    }

    /// Length of each dimension name used in `variables`, in first-use order;
    /// `nil` for a name used with two different lengths.
    private static func dimensionLengths(of variables: [TraceSchema.Variable], schema: TraceSchema, rowCount: Int) -> [(String, Int?)] {
        var lengths: [(String, Int?)] = []
        for variable in variables {
            let names = TraceFile.storedDimensions(of: variable, rowDimension: schema.rowDimension)
            let shape = TraceFile.storedShape(of: variable, rowCount: rowCount)
            for (name, length) in zip(names, shape) {
                if let index = lengths.firstIndex(where: { $0.0 == name }) {
                    if lengths[index].1 != length { lengths[index].1 = nil }
                } else {
                    lengths.append((name, length))
                }
            }
        }
        return lengths
    }
}
