import CHDF5
import Foundation

/// Process-wide state of the HDF5 C library: one lock and one initialisation.
///
/// Debian's parallel HDF5 is built without thread safety
/// (`H5is_library_threadsafe` returns false for 1.10.8), so every call into
/// the library, including the closes in handle deinitialisers, runs under
/// ``withLock(_:)``. The lock is recursive because wrappers call wrappers.
package enum HDF5Library {
    private static let lock = NSRecursiveLock()

    /// Opens the library once (`H5open`) and turns off HDF5's automatic error
    /// printing (`H5Eset_auto2` with a nil handler), so errors reach callers
    /// only as thrown ``HDF5Error`` values.
    private static let initialisation: Result<Void, HDF5Error> = {
        lock.lock()
        defer { lock.unlock() }
        if H5open() < 0 {
            return .failure(HDF5Error(operation: "H5open", object: "HDF5 library", stack: []))
        }
        if H5Eset_auto2(perpetual_H5E_DEFAULT(), nil, nil) < 0 {
            return .failure(HDF5Error(operation: "H5Eset_auto2", object: "HDF5 library", stack: []))
        }
        return .success(())
    }()

    nonisolated(unsafe) private static var closeFailures: [HDF5Error] = []

    /// Runs `body` while holding the process-wide HDF5 lock, after making sure
    /// the library is initialised.
    /// - Throws: ``HDF5Error`` when `H5open` or `H5Eset_auto2` failed, or
    ///   whatever `body` throws.
    package static func withLock<Result>(_ body: () throws -> Result) throws -> Result {
        lock.lock()
        defer { lock.unlock() }
        try initialisation.get()
        return try body()
    }

    /// Records a failed close from a deinitialiser, which has no caller to
    /// throw to. Callers that need to see the error close explicitly instead
    /// (``HDF5File/close()``).
    static func recordCloseFailure(_ error: HDF5Error) {
        lock.lock()
        defer { lock.unlock() }
        closeFailures.append(error)
    }

    /// Close failures recorded by deinitialisers since the process started,
    /// oldest first. Tests expect it to stay empty.
    package static var unreportedCloseFailures: [HDF5Error] {
        lock.lock()
        defer { lock.unlock() }
        return closeFailures
    }
}
