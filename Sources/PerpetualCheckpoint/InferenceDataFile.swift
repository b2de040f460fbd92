import PerpetualHDF5

/// Variables of one group of an ArviZ InferenceData file (netCDF-4, which is
/// HDF5 underneath), as `arviz.InferenceData.to_netcdf` writes it: group
/// `posterior` contains one variable per parameter shaped `[chain, draw, …]`
/// plus one coordinate variable per dimension.
public struct InferenceDataFile: Sendable {
    /// One numeric variable, values row-major in ``shape``.
    public struct Variable: Sendable, Equatable {
        public var name: String
        public var shape: [Int]
        public var values: [Double]
    }

    /// Reads the variables of `group` that have at least `minimumRank`
    /// dimensions, skipping coordinate variables (HDF5 dimension scales) and
    /// non-numeric datasets. Values are converted to `Double` by HDF5.
    /// - Throws: ``CheckpointError`` `.notFound` when the file is missing,
    ///   `.corrupt` (an input error) when it is not HDF5 or lacks `group`.
    public static func variables(path: String, group: String, minimumRank: Int = 2) throws -> [Variable] {
        guard FileSystem.exists(path) else {
            throw CheckpointError(.notFound, path: path, detail: "no file exists at this path", isInputError: true)
        }
        do {
            let file = try HDF5File.open(path: path, mode: .readOnly)
            guard try file.contains(group), try file.memberKind(group) == .group else {
                throw CheckpointError(.corrupt, path: path,
                                      detail: "the file has no group '\(group)'; expected an InferenceData file as arviz.to_netcdf writes it")
            }
            let location = try file.openGroup(group)
            var variables: [Variable] = []
            for name in try location.memberNames() where try location.memberKind(name) == .dataset {
                let dataset = try location.openDataset(name)
                guard try dataset.isNumeric(), try !dataset.isDimensionScale() else { continue }
                let shape = try dataset.shape()
                guard shape.count >= minimumRank else { continue }
                variables.append(Variable(name: name, shape: shape, values: try dataset.readConvertedToDouble()))
            }
            return variables
        } catch {
            throw CheckpointError.reading(error, path: path, what: "the InferenceData file")
        }
    }
}
