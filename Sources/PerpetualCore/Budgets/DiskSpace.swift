#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Free space of a file system, as an unprivileged process may use it.
public enum DiskSpace {
    /// Returns the bytes available to unprivileged users on the file system
    /// that contains `directory`: `f_bavail × f_frsize` from `statvfs(3)`.
    ///
    /// This is the file system's free space. A user or project quota below
    /// it is not seen.
    /// - Throws: ``DiskSpaceError`` with the `errno` of `statvfs` when the
    ///   directory does not exist or cannot be searched.
    public static func availableBytes(in directory: String) throws(DiskSpaceError) -> Int {
        var info = statvfs()
        guard statvfs(directory, &info) == 0 else {
            let code = errno
            throw DiskSpaceError(directory: directory, errno: code, reason: String(cString: strerror(code)))
        }
        let bytes = Double(info.f_bavail) * Double(info.f_frsize)
        return bytes >= Double(Int.max) ? Int.max : Int(bytes)
    }
}

/// `statvfs` failed on a checkpoint directory.
public struct DiskSpaceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The directory whose file system was queried.
    public var directory: String
    /// The C `errno` value of the failed call.
    public var errno: Int32
    /// `strerror(errno)`.
    public var reason: String

    public init(directory: String, errno: Int32, reason: String) {
        self.directory = directory
        self.errno = errno
        self.reason = reason
    }

    public var description: String {
        "cannot read the free space of \(directory): statvfs failed: \(reason) (errno \(errno))"
    }
}
