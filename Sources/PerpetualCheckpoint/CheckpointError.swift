import Foundation
import PerpetualHDF5

/// A checkpoint that could not be written, found or trusted.
///
/// ``isInputError`` separates bad input data, such as a corrupt or foreign
/// file the user pointed at (the command-line tool exits with 65), from
/// failures of the environment such as a full disk (exit 1).
public struct CheckpointError: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Code: Sendable, Equatable {
        /// No checkpoint, directory or file exists where one is expected.
        case notFound
        /// The checkpoint directory cannot be written.
        case notWritable
        /// A fresh run found an earlier run's checkpoint and will not overwrite it.
        case alreadyExists
        /// Another process holds the job's lock.
        case locked
        /// A file is unreadable, truncated, fails a checksum or lacks a part.
        case corrupt
        /// A file was written in a format version newer than this build reads.
        case unsupportedFormat
        /// The trace segments do not cover the rows a checkpoint committed.
        case missingTraceSegment
        /// A system call or HDF5 call failed while writing.
        case ioFailure
    }

    public var code: Code
    /// The file or directory concerned.
    public var path: String
    /// Description of the failure and of the next step, in one or two sentences.
    public var detail: String
    /// `errno` of the failed system call, if one failed.
    public var errorNumber: Int32?
    /// HDF5's error stack of the failed HDF5 call, if one failed.
    public var hdf5Message: String?
    /// Whether the file given as input is at fault rather than the environment.
    public var isInputError: Bool

    public init(_ code: Code, path: String, detail: String, errorNumber: Int32? = nil,
                hdf5Message: String? = nil, isInputError: Bool? = nil) {
        self.code = code
        self.path = path
        self.detail = detail
        self.errorNumber = errorNumber
        self.hdf5Message = hdf5Message
        self.isInputError = isInputError ?? [.corrupt, .unsupportedFormat, .missingTraceSegment].contains(code)
    }

    public var description: String {
        var text = "\(path): \(detail)"
        if let errorNumber { text += " (\(String(cString: strerror(errorNumber))), errno \(errorNumber))" }
        if let hdf5Message { text += " (HDF5: \(hdf5Message))" }
        return text
    }
}

extension CheckpointError {
    /// Builds an error from a failed system call, taking `errno` now.
    static func system(_ code: Code, path: String, detail: String) -> CheckpointError {
        CheckpointError(code, path: path, detail: detail, errorNumber: errno)
    }

    /// Wraps an error thrown while a checkpoint file was read, which makes the
    /// file corrupt unless the error is already a ``CheckpointError`` or HDF5
    /// could not lock the file, which is a failure of the environment.
    static func reading(_ error: any Error, path: String, what: String) -> CheckpointError {
        if let error = error as? CheckpointError { return error }
        if let error = error as? HDF5Error {
            if isLockFailure(error) {
                let number = errorNumber(in: error)
                return CheckpointError(.ioFailure, path: path, detail: "cannot read \(what): \(lockAdvice(errorNumber: number))",
                                       errorNumber: number, hdf5Message: error.description)
            }
            return CheckpointError(.corrupt, path: path, detail: "cannot read \(what)",
                                   errorNumber: errorNumber(in: error), hdf5Message: error.description)
        }
        return CheckpointError(.corrupt, path: path, detail: "cannot read \(what): \(error)")
    }

    /// Wraps an error thrown while a file was written.
    static func writing(_ error: any Error, path: String, what: String) -> CheckpointError {
        if let error = error as? CheckpointError { return error }
        if let error = error as? HDF5Error {
            let number = errorNumber(in: error)
            let detail = isLockFailure(error) ? "cannot write \(what): \(lockAdvice(errorNumber: number))" : "cannot write \(what)"
            return CheckpointError(.ioFailure, path: path, detail: detail, errorNumber: number, hdf5Message: error.description)
        }
        return CheckpointError(.ioFailure, path: path, detail: "cannot write \(what): \(error)")
    }

    /// Returns what to do when HDF5's file locking fails. `EWOULDBLOCK` means
    /// that another process has the file open for writing. Any other `errno`
    /// (ENOLCK, ENOSYS) means that the file system does not support `flock`.
    static func lockAdvice(errorNumber: Int32?) -> String {
        if errorNumber == EWOULDBLOCK {
            return "HDF5 could not lock the file because another process has it open for writing; wait for that process to close it, "
                + "or set HDF5_USE_FILE_LOCKING=FALSE in the environment to read it anyway"
        }
        return "HDF5 could not lock the file because the file system does not support flock; "
            + "set HDF5_USE_FILE_LOCKING=FALSE in the environment to turn HDF5's file locking off"
    }

    /// Returns whether HDF5 failed because `flock` on the file failed. HDF5 1.10's
    /// sec2 driver reports "unable to lock file" and `H5Fopen` "unable to
    /// lock the file".
    static func isLockFailure(_ error: HDF5Error) -> Bool {
        error.stack.contains { $0.contains("unable to lock file") || $0.contains("unable to lock the file") }
    }

    /// Returns the `errno` that HDF5's sec2 driver puts into its messages as
    /// `errno = N`, innermost message first, or nil when none has one.
    static func errorNumber(in error: HDF5Error) -> Int32? {
        for line in error.stack.reversed() {
            guard let range = line.range(of: "errno = ") else { continue }
            let digits = line[range.upperBound...].prefix { $0.isASCII && $0.isNumber }
            if let number = Int32(digits), number > 0 { return number }
        }
        return nil
    }
}
