import CHDF5
import PerpetualMPI

/// Owner of an open HDF5 file, opened with the POSIX sec2 driver or, for
/// the ranks of an MPI job together, with the MPI-IO driver.
///
/// Groups, datasets and attributes opened from the file keep it alive. The
/// file closes in ``close()`` or, when that was not called, in its
/// deinitialiser. Writers should call ``close()``: it is the only place a
/// failure to flush can be seen.
package final class HDF5File: HDF5Location {
    package enum Mode: Sendable {
        case readOnly
        case readWrite
    }

    package let id: hid_t
    /// Path the file was opened or created with.
    package let path: String
    /// The communicator of a file opened with the MPI-IO driver, else `nil`.
    package let comm: MPIComm?
    private var isOpen = true

    private init(id: hid_t, path: String, comm: MPIComm? = nil) {
        self.id = id
        self.path = path
        self.comm = comm
    }

    /// Creates a new file, replacing any file at `path` (`H5Fcreate` with `H5F_ACC_TRUNC`).
    package static func create(path: String) throws -> HDF5File {
        let access = try HDF5PropertyList.fileAccess(for: path)
        let id = try withExtendedLifetime(access) {
            try HDF5Call.id("H5Fcreate", path) {
                H5Fcreate(path, perpetual_H5F_ACC_TRUNC(), perpetual_H5P_DEFAULT(), access.id)
            }
        }
        return HDF5File(id: id, path: path)
    }

    /// Opens an existing file (`H5Fopen`).
    package static func open(path: String, mode: Mode) throws -> HDF5File {
        let access = try HDF5PropertyList.fileAccess(for: path)
        let flags = mode == .readOnly ? perpetual_H5F_ACC_RDONLY() : perpetual_H5F_ACC_RDWR()
        let id = try withExtendedLifetime(access) {
            try HDF5Call.id("H5Fopen", path) { H5Fopen(path, flags, access.id) }
        }
        return HDF5File(id: id, path: path)
    }

    /// Opens an existing file on every rank of `comm` with the MPI-IO driver
    /// (`H5Fopen` with ``HDF5PropertyList/fileAccess(for:comm:)``). Collective:
    /// every rank must call it, and later close the file, together.
    package static func open(path: String, mode: Mode, comm: MPIComm) throws -> HDF5File {
        let access = try HDF5PropertyList.fileAccess(for: path, comm: comm)
        let flags = mode == .readOnly ? perpetual_H5F_ACC_RDONLY() : perpetual_H5F_ACC_RDWR()
        let id = try withExtendedLifetime(access) {
            try HDF5Call.id("H5Fopen", path) { H5Fopen(path, flags, access.id) }
        }
        return HDF5File(id: id, path: path, comm: comm)
    }

    /// Flushes and closes the file (`H5Fclose`). Every group, dataset and
    /// attribute of the file must have been released before, because the file
    /// uses the close degree `H5F_CLOSE_SEMI`. When the close fails, the file
    /// stays open and the deinitialiser tries again. Calling it after a
    /// successful close traps.
    package func close() throws {
        precondition(isOpen, "HDF5File.close() was called twice on \(path)")
        try HDF5Call.status("H5Fclose", path) { H5Fclose(id) }
        isOpen = false
    }

    deinit {
        if isOpen {
            HDF5Handle.closeFromDeinit("H5Fclose", path) { H5Fclose(id) }
        }
    }

    // MARK: HDF5Location

    package var file: HDF5File { self }
    package var objectPath: String { "/" }
}
