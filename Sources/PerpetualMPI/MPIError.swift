import CMPI

/// A failed call into the MPI library.
///
/// Every wrapper sets `MPI_ERRORS_RETURN` on its communicator, so a failure
/// comes back as a return code instead of aborting the job; the message is
/// MPI's own text for that code (`MPI_Error_string`).
package struct MPIError: Error, CustomStringConvertible, Sendable, Equatable {
    /// Name of the C function that failed, for example `MPI_Allreduce`.
    package var operation: String
    /// The MPI error code, or 0 when the failure was found by this wrapper.
    package var code: Int32
    package var message: String

    package init(operation: String, code: Int32, message: String) {
        self.operation = operation
        self.code = code
        self.message = message
    }

    package var description: String {
        "\(operation) failed: \(message) (MPI error code \(code))"
    }
}

/// The one checker for MPI's return convention: `MPI_SUCCESS` or an error code.
enum MPICall {
    /// Runs `call` and throws an ``MPIError`` unless it returns `MPI_SUCCESS`.
    static func check(_ operation: String, _ call: () -> Int32) throws {
        let code = call()
        if code != perpetual_MPI_SUCCESS() {
            throw MPIError(operation: operation, code: code, message: errorString(code))
        }
    }

    /// MPI's description of `code` (`MPI_Error_string`), or a fallback when
    /// even that call fails.
    static func errorString(_ code: Int32) -> String {
        var buffer = [CChar](repeating: 0, count: Int(perpetual_MPI_MAX_ERROR_STRING()) + 1)
        var length: Int32 = 0
        guard MPI_Error_string(code, &buffer, &length) == perpetual_MPI_SUCCESS() else {
            return "unknown MPI error"
        }
        let bytes = buffer.prefix(Int(length)).map { UInt8(bitPattern: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }
}
