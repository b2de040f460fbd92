import PerpetualCore

/// Checkpoint state of ``TrainKernel`` (L weight layers, P = 2L parameters):
///
/// | name | type, shape | meaning |
/// | --- | --- | --- |
/// | `step` | int64 | completed steps (minibatches); also Adam's step count |
/// | `configuration/layer_sizes` | int64 [L+1] | must match on restore |
/// | `configuration/optimizer` | string | `sgd` or `adam`; must match |
/// | `configuration/batch_sizes` | int64 [epochs] | batch size of each epoch; must match |
/// | `configuration/learning_rate` | float64 | must match |
/// | `configuration/holdout_fraction` | float64 | must match |
/// | `rng/seed` | uint64 [1] | seed of all streams; must match |
/// | `progress/epoch_loss_sum` | float64 | summed cross-entropy of the current epoch so far |
/// | `model/layer_<l>/weight` | float64 [in, out] | weights |
/// | `model/layer_<l>/bias` | float64 [out] | biases |
/// | `optimizer/<slot>/layer_<l>/{weight,bias}` | as the parameter | `velocity` (SGD) or `first_moment` and `second_moment` (Adam) |
///
/// Gradients are not stored: every step overwrites them before use.
extension TrainKernel: StateReleasingKernel {
    public func captureState() -> KernelState {
        guard let network else {
            preconditionFailure("TrainKernel.captureState() called after releaseDevice(); call restoreState(_:) first")
        }
        var state = KernelState()
        state["step"] = .int64(Int64(completedSteps))
        state["configuration/layer_sizes"] = .array(StateArray(int64: configuration.layerSizes.map(Int64.init)))
        state["configuration/optimizer"] = .string(configuration.optimizer.rawValue)
        state["configuration/batch_sizes"] = .array(StateArray(int64: layout.batchSizes.map(Int64.init)))
        state["configuration/learning_rate"] = .float64(configuration.learningRate)
        state["configuration/holdout_fraction"] = .float64(configuration.holdoutFraction)
        state["rng/seed"] = .array(StateArray(uint64: [configuration.seed]))
        state["progress/epoch_loss_sum"] = .float64(epochLossSum)

        for (name, tensor) in persistentEntries(network) {
            // Biases (names ending in `bias`) are stored as vectors.
            let shape = name.hasSuffix("/bias") ? [tensor.columns] : [tensor.rows, tensor.columns]
            state[name] = .array(StateArray(float64: device.download(tensor), shape: shape))
        }
        return state
    }

    /// Replaces the step, the epoch's loss sum, the weights and the optimizer
    /// state by `state`, allocating the tensors again after ``releaseDevice()``.
    ///
    /// Equivalent to ``restoreState(releasing:)`` on a copy of `state`, so
    /// the caller's copy keeps every array alive until the call returns.
    /// - Throws: as ``restoreState(releasing:)``.
    public func restoreState(_ state: KernelState) throws {
        var copy = state
        try restoreState(releasing: &copy)
    }

    /// Restores from `state` as ``restoreState(_:)`` does, and removes each
    /// weight and optimizer array from `state` once its tensor contains the values.
    ///
    /// Every entry is read and checked before anything changes: settings
    /// and seed must equal this kernel's, arrays must have their shapes and
    /// values must be finite. After ``releaseDevice()`` each tensor is
    /// allocated, filled and its array removed before the next one is
    /// allocated. When `state` is the only reference to its arrays, the
    /// host then keeps the stored arrays not yet uploaded, the tensors
    /// allocated so far and at most one more tensor, instead of the whole
    /// state beside the whole model. Scalars and settings stay in `state`.
    /// - Throws: ``KernelStateError`` naming the first bad entry, and
    ///   ``DeviceError`` when the tensors do not fit the device. Both are
    ///   thrown before any array is removed from `state`.
    public func restoreState(releasing state: inout KernelState) throws {
        let (step, lossSum) = try validatedProgress(state)
        let names = Self.persistentNames(layerSizes: configuration.layerSizes, optimizer: configuration.optimizer)

        if let network {
            for (name, tensor) in persistentEntries(network) {
                device.upload(Self.removeArray(name, from: &state), to: tensor)
            }
        } else {
            network = try allocateNetwork { index, tensor in
                device.upload(Self.removeArray(names[index], from: &state), to: tensor)
            }
        }
        completedSteps = Int(step)
        epochLossSum = lossSum
    }

    /// Checks every entry of `state` against this kernel and returns the
    /// step and the epoch's loss sum.
    private func validatedProgress(_ state: KernelState) throws -> (step: Int64, lossSum: Double) {
        let step = try state.int64("step")
        guard step >= 0, step <= Int64(totalSteps) else {
            throw KernelStateError(.invalidValue, entry: "step", detail: "\(step) is outside 0...\(totalSteps)")
        }
        try expectEqual(state.int64Array("configuration/layer_sizes"), configuration.layerSizes.map(Int64.init), entry: "configuration/layer_sizes")
        try expectEqual(state.string("configuration/optimizer"), configuration.optimizer.rawValue, entry: "configuration/optimizer")
        try expectEqual(state.int64Array("configuration/batch_sizes"), layout.batchSizes.map(Int64.init), entry: "configuration/batch_sizes")
        try expectEqual(state.float64("configuration/learning_rate"), configuration.learningRate, entry: "configuration/learning_rate")
        try expectEqual(state.float64("configuration/holdout_fraction"), configuration.holdoutFraction, entry: "configuration/holdout_fraction")
        try expectEqual(seed(in: state), configuration.seed, entry: "rng/seed")
        let lossSum = try state.float64("progress/epoch_loss_sum")
        guard lossSum.isFinite, lossSum >= 0 else {
            throw KernelStateError(.invalidValue, entry: "progress/epoch_loss_sum", detail: "\(lossSum) is not a finite sum ≥ 0")
        }
        let names = Self.persistentNames(layerSizes: configuration.layerSizes, optimizer: configuration.optimizer)
        let shapes = NetworkTensors.parameterShapes(configuration.layerSizes)
        for (position, name) in names.enumerated() {
            let shape = shapes[position % shapes.count]
            let values = try state.float64Array(name, count: shape.rows * shape.columns)
            if let bad = values.firstIndex(where: { !$0.isFinite }) {
                throw KernelStateError(.invalidValue, entry: name, detail: "element \(bad) is \(values[bad]), not finite")
            }
        }
        return (step, lossSum)
    }

    /// Removes the float64 array `name` from `state` and returns its
    /// values. Traps when it is missing, because the state was validated.
    private static func removeArray(_ name: String, from state: inout KernelState) -> [Double] {
        guard case .array(let array) = state[name], case .float64(let values) = array.elements else {
            preconditionFailure("TrainKernel: the validated state lost its float64 array '\(name)'")
        }
        state[name] = nil
        return values
    }

    /// Checkpoint names of the weights and the optimizer slots, in
    /// parameter order, slot after slot.
    static func persistentNames(layerSizes: [Int], optimizer: TrainConfiguration.Optimizer) -> [String] {
        let parameters = (0..<(2 * (layerSizes.count - 1))).map(NetworkTensors.parameterName)
        return parameters.map { "model/\($0)" }
            + NetworkTensors.slotNames(optimizer).flatMap { slot in parameters.map { "optimizer/\(slot)/\($0)" } }
    }

    /// Returns the stored tensors with their checkpoint names.
    private func persistentEntries(_ network: NetworkTensors) -> [(String, DeviceTensor)] {
        let names = Self.persistentNames(layerSizes: configuration.layerSizes, optimizer: configuration.optimizer)
        return Array(zip(names, network.parameters + network.slots.flatMap { $0 }))
    }

    private func seed(in state: KernelState) throws -> UInt64 {
        guard case .array(let array) = state["rng/seed"], case .uint64(let values) = array.elements, values.count == 1 else {
            throw KernelStateError(.mismatchedEntry, entry: "rng/seed", detail: "expected a uint64 array of one element")
        }
        return values[0]
    }

    private func expectEqual<Value: Equatable>(_ stored: Value, _ expected: Value, entry: String) throws {
        guard stored == expected else {
            throw KernelStateError(.mismatchedEntry, entry: entry, detail: "stored \(stored), this job has \(expected)")
        }
    }
}
