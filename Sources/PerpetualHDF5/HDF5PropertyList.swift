import CHDF5
import PerpetualMPI

/// Owner of an HDF5 property list; closes it with `H5Pclose`.
package final class HDF5PropertyList {
    let id: hid_t
    private let purpose: String

    /// Creates a property list of a class with `H5Pcreate`.
    private init(classID: () -> hid_t, purpose: String) throws {
        self.id = try HDF5Call.id("H5Pcreate", purpose) { H5Pcreate(classID()) }
        self.purpose = purpose
    }

    deinit {
        HDF5Handle.closeFromDeinit("H5Pclose", purpose) { H5Pclose(id) }
    }

    /// File access list for the POSIX sec2 driver (`H5Pset_fapl_sec2`) with
    /// the close degree `H5F_CLOSE_SEMI`, so that closing a file while one of
    /// its objects is still open fails instead of deferring the close.
    package static func fileAccess(for path: String) throws -> HDF5PropertyList {
        let list = try HDF5PropertyList(classID: { perpetual_H5P_FILE_ACCESS() }, purpose: "file access list for \(path)")
        try HDF5Call.status("H5Pset_fapl_sec2", path) { H5Pset_fapl_sec2(list.id) }
        try HDF5Call.status("H5Pset_fclose_degree", path) { H5Pset_fclose_degree(list.id, H5F_CLOSE_SEMI) }
        return list
    }

    /// File access list for the MPI-IO driver over `comm`
    /// (`H5Pset_fapl_mpio`), with collective metadata reads and writes
    /// (`H5Pset_all_coll_metadata_ops`, `H5Pset_coll_metadata_write`) and the
    /// close degree `H5F_CLOSE_SEMI`. Opening a file with it is collective.
    package static func fileAccess(for path: String, comm: MPIComm) throws -> HDF5PropertyList {
        let list = try HDF5PropertyList(classID: { perpetual_H5P_FILE_ACCESS() }, purpose: "MPI-IO file access list for \(path)")
        try HDF5Call.status("H5Pset_fapl_mpio", path) {
            H5Pset_fapl_mpio(list.id, comm.handle, perpetual_hdf5_MPI_INFO_NULL())
        }
        try HDF5Call.status("H5Pset_all_coll_metadata_ops", path) { H5Pset_all_coll_metadata_ops(list.id, true) }
        try HDF5Call.status("H5Pset_coll_metadata_write", path) { H5Pset_coll_metadata_write(list.id, true) }
        try HDF5Call.status("H5Pset_fclose_degree", path) { H5Pset_fclose_degree(list.id, H5F_CLOSE_SEMI) }
        return list
    }

    /// Transfer list for collective MPI-IO transfers (`H5Pset_dxpl_mpio`
    /// with `H5FD_MPIO_COLLECTIVE`): every rank of the file's communicator
    /// must take part in each read or write, with an empty selection if it
    /// has nothing to transfer.
    package static func collectiveTransfer() throws -> HDF5PropertyList {
        let list = try HDF5PropertyList(classID: { perpetual_H5P_DATASET_XFER() }, purpose: "collective transfer list")
        try HDF5Call.status("H5Pset_dxpl_mpio", "collective transfer list") { H5Pset_dxpl_mpio(list.id, H5FD_MPIO_COLLECTIVE) }
        return list
    }

    /// Dataset creation list that allocates the storage when the dataset is
    /// created and never writes fill values (`H5Pset_alloc_time` with
    /// `H5D_ALLOC_TIME_EARLY`, `H5Pset_fill_time` with `H5D_FILL_TIME_NEVER`),
    /// so that ranks can later write their rows through the MPI-IO driver
    /// into a dataset that one process created.
    package static func preallocatedDatasetCreation() throws -> HDF5PropertyList {
        let list = try HDF5PropertyList(classID: { perpetual_H5P_DATASET_CREATE() }, purpose: "dataset creation list")
        try HDF5Call.status("H5Pset_alloc_time", "dataset creation list") { H5Pset_alloc_time(list.id, H5D_ALLOC_TIME_EARLY) }
        try HDF5Call.status("H5Pset_fill_time", "dataset creation list") { H5Pset_fill_time(list.id, H5D_FILL_TIME_NEVER) }
        return list
    }

    /// Link creation list that creates missing intermediate groups
    /// (`H5Pset_create_intermediate_group`), so `a/b/c` can be created in one call.
    package static func linkCreationWithIntermediateGroups() throws -> HDF5PropertyList {
        let list = try HDF5PropertyList(classID: { perpetual_H5P_LINK_CREATE() }, purpose: "link creation list")
        try HDF5Call.status("H5Pset_create_intermediate_group", "link creation list") {
            H5Pset_create_intermediate_group(list.id, 1)
        }
        return list
    }
}
