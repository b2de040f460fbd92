import CHDF5

/// Helpers shared by the identifier owners.
enum HDF5Handle {
    /// Closes an identifier from a deinitialiser under the HDF5 lock. A
    /// deinitialiser cannot throw, so a failure goes to
    /// ``HDF5Library/unreportedCloseFailures``.
    static func closeFromDeinit(_ operation: String, _ object: String, _ close: () -> herr_t) {
        do {
            try HDF5Call.status(operation, object, close)
        } catch let error as HDF5Error {
            HDF5Library.recordCloseFailure(error)
        } catch {
            HDF5Library.recordCloseFailure(HDF5Error(operation: operation, object: object, stack: ["\(error)"]))
        }
    }

    /// Joins a parent path and a child name into an HDF5 object path.
    static func join(_ parent: String, _ name: String) -> String {
        if name.hasPrefix("/") { return name }
        return parent == "/" ? "/" + name : parent + "/" + name
    }
}
