/// The persistent tensors of a multilayer perceptron on a device: weights,
/// biases, their gradients and the optimizer state, all allocated at
/// creation and kept for the life of the object.
///
/// Layer `l` (from 1) maps `layerSizes[l-1]` inputs to `layerSizes[l]`
/// outputs with a weight matrix stored `in × out` and a `1 × out` bias,
/// so that a batch of row vectors `X` gives `X · W + b`.
final class NetworkTensors {
    let device: SimulatedDevice
    let layerSizes: [Int]
    let optimizer: TrainConfiguration.Optimizer
    /// Weights and biases in the order `W₁, b₁, W₂, b₂, …`.
    let parameters: [DeviceTensor]
    /// Gradients in the order of ``parameters``.
    let gradients: [DeviceTensor]
    /// Optimizer state: one list per slot (``slotNames``), each in the
    /// order of ``parameters``.
    let slots: [[DeviceTensor]]

    /// Allocates every tensor, zero-filled, in a fixed order: per layer the
    /// weight, bias and their gradients, then the optimizer slots.
    ///
    /// `fill` is called right after each weight, bias and optimizer-slot
    /// tensor is allocated, with its position in the order of
    /// ``parameters`` followed by the slots. A restore uploads the stored
    /// values there, so that each host array can be freed before the next
    /// tensor takes host memory.
    /// - Throws: ``DeviceError`` when they do not fit.
    init(device: SimulatedDevice, layerSizes: [Int], optimizer: TrainConfiguration.Optimizer,
         fill: (_ persistentIndex: Int, _ tensor: DeviceTensor) -> Void = { _, _ in }) throws(DeviceError) {
        self.device = device
        self.layerSizes = layerSizes
        self.optimizer = optimizer
        let shapes = Self.parameterShapes(layerSizes)
        var parameters: [DeviceTensor] = []
        var gradients: [DeviceTensor] = []
        for (index, shape) in shapes.enumerated() {
            let name = Self.parameterName(index)
            parameters.append(try device.tensor(rows: shape.rows, columns: shape.columns, purpose: "\(name) of the model"))
            fill(index, parameters[index])
            gradients.append(try device.tensor(rows: shape.rows, columns: shape.columns, purpose: "gradient of \(name)"))
        }
        var slots: [[DeviceTensor]] = []
        for (slotIndex, slot) in Self.slotNames(optimizer).enumerated() {
            var tensors: [DeviceTensor] = []
            for (index, shape) in shapes.enumerated() {
                tensors.append(try device.tensor(rows: shape.rows, columns: shape.columns, purpose: "optimizer \(slot) of \(Self.parameterName(index))"))
                fill((slotIndex + 1) * shapes.count + index, tensors[index])
            }
            slots.append(tensors)
        }
        self.parameters = parameters
        self.gradients = gradients
        self.slots = slots
    }

    /// Number of layers with weights.
    var layerCount: Int { layerSizes.count - 1 }

    func weight(_ layer: Int) -> DeviceTensor { parameters[2 * (layer - 1)] }
    func bias(_ layer: Int) -> DeviceTensor { parameters[2 * (layer - 1) + 1] }
    func weightGradient(_ layer: Int) -> DeviceTensor { gradients[2 * (layer - 1)] }
    func biasGradient(_ layer: Int) -> DeviceTensor { gradients[2 * (layer - 1) + 1] }

    /// Shapes of `W₁, b₁, W₂, b₂, …`.
    static func parameterShapes(_ layerSizes: [Int]) -> [(rows: Int, columns: Int)] {
        (1..<layerSizes.count).flatMap { layer in
            [(layerSizes[layer - 1], layerSizes[layer]), (1, layerSizes[layer])]
        }
    }

    /// Checkpoint name of parameter `index`: `layer_1/weight`, `layer_1/bias`, ….
    static func parameterName(_ index: Int) -> String {
        "layer_\(index / 2 + 1)/\(index % 2 == 0 ? "weight" : "bias")"
    }

    /// Names of the optimizer's state slots.
    static func slotNames(_ optimizer: TrainConfiguration.Optimizer) -> [String] {
        switch optimizer {
        case .sgd: ["velocity"]
        case .adam: ["first_moment", "second_moment"]
        }
    }

    /// Request sizes in bytes of every tensor, in allocation order.
    static func allocationSizes(layerSizes: [Int], optimizer: TrainConfiguration.Optimizer) -> [Int] {
        let bytes = parameterShapes(layerSizes).map { $0.rows * $0.columns * MemoryLayout<Double>.stride }
        let parametersAndGradients = bytes.flatMap { [$0, $0] }
        return parametersAndGradients + Array(repeating: bytes, count: slotNames(optimizer).count).flatMap { $0 }
    }
}
