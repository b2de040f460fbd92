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
        /// Labels of the positions along each dimension of ``shape``: the
        /// values of the dimension's coordinate variable as text (`Choate`,
        /// `3`), or `0`, `1`, … when the file has none.
        public var coordinateLabels: [[String]]
    }

    /// Reads the variables of `group` that have at least `minimumRank`
    /// dimensions, in the order the writer created them (name order when the
    /// file keeps no creation order), skipping coordinate variables (HDF5
    /// dimension scales) and non-numeric datasets. Values are converted to
    /// `Double` by HDF5. Coordinate labels come from netCDF-4's
    /// `_Netcdf4Coordinates` (dimension ids of a variable) and `_Netcdf4Dimid`
    /// (the id of a coordinate variable) attributes.
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
            let names = try location.memberNamesInCreationOrder() ?? location.memberNames()
            let coordinates = try coordinateLabels(in: location, names: names)
            var variables: [Variable] = []
            for name in names where try location.memberKind(name) == .dataset {
                let dataset = try location.openDataset(name)
                guard try dataset.isNumeric(), try !dataset.isDimensionScale() else { continue }
                let shape = try dataset.shape()
                guard shape.count >= minimumRank else { continue }
                var dimensionIDs: [Int64] = []
                if try dataset.hasAttribute("_Netcdf4Coordinates") {
                    dimensionIDs = try dataset.attributeValues("_Netcdf4Coordinates", as: Int64.self)
                }
                let labels = shape.enumerated().map { axis, length in
                    let stored = axis < dimensionIDs.count ? coordinates[dimensionIDs[axis]] : nil
                    return stored?.count == length ? stored! : (0..<length).map(String.init)
                }
                variables.append(Variable(name: name, shape: shape, values: try dataset.readConvertedToDouble(), coordinateLabels: labels))
            }
            return variables
        } catch {
            throw CheckpointError.reading(error, path: path, what: "the InferenceData file")
        }
    }

    /// Returns the values of each coordinate variable (a dimension scale with
    /// `_Netcdf4Dimid`) as text, by dimension id. Integers print without a
    /// fraction, as Python prints numpy integers; float64 values print as
    /// Swift's shortest round-trip form, which matches Python's `repr` for
    /// most values.
    private static func coordinateLabels(in location: HDF5Group, names: [String]) throws -> [Int64: [String]] {
        var labels: [Int64: [String]] = [:]
        for name in names where try location.memberKind(name) == .dataset {
            let dataset = try location.openDataset(name)
            guard try dataset.isDimensionScale(), try dataset.hasAttribute("_Netcdf4Dimid") else { continue }
            let id = try dataset.attributeValues("_Netcdf4Dimid", as: Int64.self).first ?? -1
            if try dataset.elementType() == .string {
                labels[id] = try dataset.readStrings()
            } else if try dataset.isNumeric() {
                let isFloat = try dataset.elementType() == .float64
                labels[id] = try dataset.readConvertedToDouble().map { value in
                    !isFloat && abs(value) < 1e15 ? String(Int(value)) : String(value)
                }
            }
        }
        return labels
    }
}
