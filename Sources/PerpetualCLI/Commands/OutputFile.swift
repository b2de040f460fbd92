import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file that a command writes as its result (a report, a data file, a job
/// script) could not be written. `simrun` exits with code 1.
struct OutputFileError: Error, CustomStringConvertible {
    var path: String
    /// Description of the file for messages, for example `the HTML report`.
    var what: String
    /// The operating system's reason, for example `No such file or directory`.
    var reason: String

    var description: String {
        "cannot write \(what) to \(path): \(reason); check that the directory exists and is writable"
    }
}

/// Writing a command's output file with errors that name the path and the reason.
enum OutputFile {
    /// Writes `text` as UTF-8 to `path`, replacing the file atomically, and
    /// sets `permissions` when given.
    /// - Throws: ``OutputFileError`` with the `errno` text of the failure.
    static func write(_ text: String, to path: String, what: String, permissions: Int? = nil) throws(OutputFileError) {
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
            if let permissions {
                try FileManager.default.setAttributes([.posixPermissions: permissions], ofItemAtPath: path)
            }
        } catch {
            throw OutputFileError(path: path, what: what, reason: reason(for: error))
        }
    }

    /// Returns the POSIX reason inside a Foundation file error (`strerror` of its
    /// errno), else the error's localized description.
    static func reason(for error: any Error) -> String {
        let error = error as NSError
        if error.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(error.code)))
        }
        if let underlying = error.userInfo[NSUnderlyingErrorKey] as? any Error {
            let underlying = underlying as NSError
            if underlying.domain == NSPOSIXErrorDomain {
                return String(cString: strerror(Int32(underlying.code)))
            }
        }
        return error.localizedDescription
    }
}
