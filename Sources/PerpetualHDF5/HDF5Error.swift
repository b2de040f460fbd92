import CHDF5

/// A failed call into the HDF5 C library.
///
/// The message comes from HDF5's own error stack, walked with `H5Ewalk2`
/// right after the failing call, innermost cause last.
package struct HDF5Error: Error, CustomStringConvertible, Sendable, Equatable {
    /// Name of the C function that failed, for example `H5Dwrite`.
    package var operation: String
    /// File path and object path concerned, for example `ckpt.h5:/state/x`.
    package var object: String
    /// Descriptions from HDF5's error stack, outermost first.
    package var stack: [String]

    package init(operation: String, object: String, stack: [String]) {
        self.operation = operation
        self.object = object
        self.stack = stack
    }

    /// The stack joined into one line.
    package var message: String {
        stack.isEmpty ? "no message on the HDF5 error stack" : stack.joined(separator: "; ")
    }

    package var description: String {
        "\(operation) failed on \(object): \(message)"
    }
}

/// One checker per C return convention. Each runs its call under the
/// process-wide lock and, on failure, collects HDF5's error stack before any
/// other call can clear it.
enum HDF5Call {
    /// Checks an identifier-returning call (`hid_t`, negative on failure).
    static func id(_ operation: String, _ object: @autoclosure () -> String, _ call: () -> hid_t) throws -> hid_t {
        try HDF5Library.withLock {
            let result = call()
            if result < 0 { throw failure(operation, object()) }
            return result
        }
    }

    /// Checks a status-returning call (`herr_t`, negative on failure). An
    /// `H5Dwrite` may instead fail by ``HDF5IOFaultInjection`` (tests only).
    static func status(_ operation: String, _ object: @autoclosure () -> String, _ call: () -> herr_t) throws {
        try HDF5Library.withLock {
            if operation == "H5Dwrite", let injected = HDF5IOFaultInjection.failure(forWriteTo: object()) {
                throw injected
            }
            if call() < 0 { throw failure(operation, object()) }
        }
    }

    /// Checks a three-valued call (`htri_t`: positive true, zero false, negative failure).
    static func truth(_ operation: String, _ object: @autoclosure () -> String, _ call: () -> htri_t) throws -> Bool {
        try HDF5Library.withLock {
            let result = call()
            if result < 0 { throw failure(operation, object()) }
            return result > 0
        }
    }

    /// Checks a count- or size-returning call (`int`, `ssize_t`, negative on failure).
    static func count<Count: BinaryInteger>(_ operation: String, _ object: @autoclosure () -> String, _ call: () -> Count) throws -> Int {
        try HDF5Library.withLock {
            let result = call()
            if result < 0 { throw failure(operation, object()) }
            return Int(result)
        }
    }

    /// Checks a call that returns an unsigned size, where zero means failure
    /// (`H5Tget_size`).
    static func size(_ operation: String, _ object: @autoclosure () -> String, _ call: () -> Int) throws -> Int {
        try HDF5Library.withLock {
            let result = call()
            if result == 0 { throw failure(operation, object()) }
            return result
        }
    }

    /// Builds the error for a failed call from the current error stack, then clears the stack.
    static func failure(_ operation: String, _ object: String) -> HDF5Error {
        HDF5Error(operation: operation, object: object, stack: HDF5ErrorStack.drain())
    }
}

/// Reads and clears HDF5's default error stack.
enum HDF5ErrorStack {
    private final class Collector {
        var lines: [String] = []
    }

    /// Walks the stack with `H5Ewalk2` (outermost first) and clears it with
    /// `H5Eclear2`. Must run under the HDF5 lock. When walking itself fails,
    /// the result says so instead of hiding the original failure.
    static func drain() -> [String] {
        let collector = Collector()
        let walked = withExtendedLifetime(collector) {
            H5Ewalk2(perpetual_H5E_DEFAULT(), H5E_WALK_DOWNWARD, { _, entry, context in
                guard let entry, let context else { return 0 }
                let collector = Unmanaged<Collector>.fromOpaque(context).takeUnretainedValue()
                let function = entry.pointee.func_name.map { String(cString: $0) } ?? "?"
                let text = entry.pointee.desc.map { String(cString: $0) } ?? "no description"
                collector.lines.append("\(function): \(text)")
                return 0
            }, Unmanaged.passUnretained(collector).toOpaque())
        }
        var lines = collector.lines
        if walked < 0 { lines.append("H5Ewalk2 could not read the HDF5 error stack") }
        if H5Eclear2(perpetual_H5E_DEFAULT()) < 0 { lines.append("H5Eclear2 could not clear the HDF5 error stack") }
        return lines
    }
}
