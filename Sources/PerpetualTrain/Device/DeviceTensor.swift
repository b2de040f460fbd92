/// A row-major matrix of float64 in the memory of a ``SimulatedDevice``.
///
/// The tensor owns its block: when the last reference goes away, the block
/// returns to the device's cache, as a PyTorch tensor's does. The tensor
/// keeps its device alive.
public final class DeviceTensor {
    public let device: SimulatedDevice
    let allocation: DeviceAllocation
    /// First element; valid while the tensor exists.
    public let pointer: UnsafeMutablePointer<Double>
    public let rows: Int
    public let columns: Int

    init(device: SimulatedDevice, allocation: DeviceAllocation, pointer: UnsafeMutablePointer<Double>, rows: Int, columns: Int) {
        self.device = device
        self.allocation = allocation
        self.pointer = pointer
        self.rows = rows
        self.columns = columns
    }

    deinit {
        device.free(allocation)
    }

    /// Number of elements.
    public var count: Int { rows * columns }

    /// The elements as a buffer, for reading.
    public var elements: UnsafeBufferPointer<Double> { UnsafeBufferPointer(start: pointer, count: count) }

    /// The elements as a buffer, for writing.
    public var mutableElements: UnsafeMutableBufferPointer<Double> { UnsafeMutableBufferPointer(start: pointer, count: count) }
}
