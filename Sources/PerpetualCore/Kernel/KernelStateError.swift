/// A checkpointed state that a kernel cannot restore from.
///
/// Kernels throw this from ``Kernel/restoreState(_:)``. The command-line tool
/// maps it to exit code 65 (bad input data).
public struct KernelStateError: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Code: Sendable, Equatable {
        /// An entry the kernel needs is absent.
        case missingEntry
        /// An entry has another type or shape than the kernel expects.
        case mismatchedEntry
        /// An entry holds a value outside its valid range.
        case invalidValue
    }

    public var code: Code
    /// Name of the state entry concerned.
    public var entry: String
    public var detail: String

    public init(_ code: Code, entry: String, detail: String) {
        self.code = code
        self.entry = entry
        self.detail = detail
    }

    public var description: String {
        switch code {
        case .missingEntry: "checkpoint state entry '\(entry)' is missing: \(detail)"
        case .mismatchedEntry: "checkpoint state entry '\(entry)' does not match this kernel: \(detail)"
        case .invalidValue: "checkpoint state entry '\(entry)' is invalid: \(detail)"
        }
    }
}

extension KernelState {
    /// Returns the float64 array called `name`, checking its element count.
    public func float64Array(_ name: String, count: Int? = nil) throws -> [Double] {
        guard let value = self[name] else {
            throw KernelStateError(.missingEntry, entry: name, detail: "expected a float64 array")
        }
        guard case .array(let array) = value, case .float64(let values) = array.elements else {
            throw KernelStateError(.mismatchedEntry, entry: name, detail: "expected a float64 array")
        }
        if let count, values.count != count {
            throw KernelStateError(.mismatchedEntry, entry: name, detail: "expected \(count) elements, found \(values.count)")
        }
        return values
    }

    /// Returns the int64 array called `name`, checking its element count.
    public func int64Array(_ name: String, count: Int? = nil) throws -> [Int64] {
        guard let value = self[name] else {
            throw KernelStateError(.missingEntry, entry: name, detail: "expected an int64 array")
        }
        guard case .array(let array) = value, case .int64(let values) = array.elements else {
            throw KernelStateError(.mismatchedEntry, entry: name, detail: "expected an int64 array")
        }
        if let count, values.count != count {
            throw KernelStateError(.mismatchedEntry, entry: name, detail: "expected \(count) elements, found \(values.count)")
        }
        return values
    }

    /// Returns the float64 scalar called `name`.
    public func float64(_ name: String) throws -> Double {
        guard let value = self[name] else {
            throw KernelStateError(.missingEntry, entry: name, detail: "expected a float64 scalar")
        }
        guard case .float64(let scalar) = value else {
            throw KernelStateError(.mismatchedEntry, entry: name, detail: "expected a float64 scalar")
        }
        return scalar
    }

    /// Returns the int64 scalar called `name`.
    public func int64(_ name: String) throws -> Int64 {
        guard let value = self[name] else {
            throw KernelStateError(.missingEntry, entry: name, detail: "expected an int64 scalar")
        }
        guard case .int64(let scalar) = value else {
            throw KernelStateError(.mismatchedEntry, entry: name, detail: "expected an int64 scalar")
        }
        return scalar
    }

    /// Returns the string called `name`.
    public func string(_ name: String) throws -> String {
        guard let value = self[name] else {
            throw KernelStateError(.missingEntry, entry: name, detail: "expected a string")
        }
        guard case .string(let text) = value else {
            throw KernelStateError(.mismatchedEntry, entry: name, detail: "expected a string")
        }
        return text
    }
}
