import CHDF5
import CHDF5HighLevel

/// HDF5 dimension scales (the high-level `H5DS` API), the mechanism netCDF-4
/// uses for dimensions: a dimension is a dataset marked as a scale and
/// attached to each dimension of the variables that use it.
extension HDF5Dataset {
    /// Marks this dataset as a dimension scale named `name` (`H5DSset_scale`).
    /// netCDF-4 readers take `name` as the dimension name.
    package func makeDimensionScale(name: String) throws {
        try withExtendedLifetime(self) {
            try HDF5Call.status("H5DSset_scale", objectDescription) { H5DSset_scale(id, name) }
        }
    }

    /// Attaches the dimension scale `scale` to dimension `dimension` (from 0)
    /// of this dataset (`H5DSattach_scale`).
    package func attachDimensionScale(_ scale: HDF5Dataset, dimension: Int) throws {
        try withExtendedLifetime((self, scale)) {
            try HDF5Call.status("H5DSattach_scale", "\(objectDescription) dimension \(dimension) to \(scale.objectPath)") {
                H5DSattach_scale(id, scale.id, UInt32(dimension))
            }
        }
    }

    /// Returns whether this dataset is a dimension scale (`H5DSis_scale`).
    package func isDimensionScale() throws -> Bool {
        try withExtendedLifetime(self) {
            try HDF5Call.truth("H5DSis_scale", objectDescription) { H5DSis_scale(id) }
        }
    }
}
