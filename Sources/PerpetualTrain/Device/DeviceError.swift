import PerpetualCore

/// A failure of the simulated device: a request that does not fit.
///
/// The command-line tool maps it to exit code 1: the job must run with a
/// larger `--device-memory` (or a smaller model or batch).
public struct DeviceError: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Code: Sendable, Equatable {
        /// One allocation could not be served, even after releasing the cache.
        case outOfMemory
        /// A set of tensors (model parameters and optimizer state, or one
        /// step's activations) needs more than the device holds.
        case planDoesNotFit
    }

    public var code: Code
    /// Use of the memory, for example `activations of layer 2`.
    public var purpose: String
    /// Bytes requested, before rounding.
    public var requestedBytes: Int
    public var capacityBytes: Int
    /// Bytes in live tensors when the request failed.
    public var allocatedBytes: Int
    /// Bytes in reserved segments when the request failed.
    public var reservedBytes: Int

    public init(_ code: Code, purpose: String, requestedBytes: Int, capacityBytes: Int, allocatedBytes: Int, reservedBytes: Int) {
        self.code = code
        self.purpose = purpose
        self.requestedBytes = requestedBytes
        self.capacityBytes = capacityBytes
        self.allocatedBytes = allocatedBytes
        self.reservedBytes = reservedBytes
    }

    public var description: String {
        let usage = "\(ByteSize.format(capacityBytes)) capacity, \(ByteSize.format(allocatedBytes)) allocated, "
            + "\(ByteSize.format(reservedBytes)) reserved, \(ByteSize.format(capacityBytes - reservedBytes)) free"
        switch code {
        case .outOfMemory:
            return "simulated device out of memory: tried to allocate \(ByteSize.format(requestedBytes)) (\(requestedBytes) bytes) for \(purpose); "
                + "\(usage). Give a larger --device-memory, or use a smaller batch or model"
        case .planDoesNotFit:
            return "\(purpose) need \(ByteSize.format(requestedBytes)) (\(requestedBytes) bytes) on the simulated device, "
                + "which does not fit even when empty: \(usage). Give a larger --device-memory, or use a smaller batch or model"
        }
    }
}
