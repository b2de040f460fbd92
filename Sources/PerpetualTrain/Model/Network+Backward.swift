extension NetworkTensors {
    /// Computes the gradients of the mean cross-entropy of a batch into
    /// ``gradients``, overwriting them.
    ///
    /// `outputs` are the layer outputs from ``forward(_:)``, the last one
    /// already turned into probabilities by ``softmaxCrossEntropy``. The
    /// probabilities are overwritten by `(p − onehot) / batch`, the gradient
    /// of the logits. Each hidden layer's gradient is a new device tensor, freed
    /// once the layer below has used it, and so is the transposed weight
    /// matrix it needs.
    /// - Throws: ``DeviceError`` when a temporary tensor does not fit.
    func backward(input: DeviceTensor, outputs: [DeviceTensor], labels: ArraySlice<Int>) throws(DeviceError) {
        let batch = input.rows
        var upstream = outputs[layerCount - 1]
        for (row, label) in zip(0..<batch, labels) {
            upstream.pointer[row * upstream.columns + label] -= 1
        }
        let scale = 1 / Double(batch)
        for index in 0..<upstream.count {
            upstream.pointer[index] *= scale
        }

        for layer in stride(from: layerCount, through: 1, by: -1) {
            let below = layer == 1 ? input : outputs[layer - 2]
            accumulateParameterGradients(layer: layer, input: below, upstream: upstream)
            guard layer > 1 else { break }
            upstream = try propagate(upstream, through: layer, activations: below)
        }
    }

    /// Computes `dW = Xᵀ · G` and `db = Σ_rows G` of one layer.
    func accumulateParameterGradients(layer: Int, input: DeviceTensor, upstream: DeviceTensor) {
        let weightGradient = weightGradient(layer)
        Matmul.multiply(input.pointer, transposeA: true, upstream.pointer, into: weightGradient.pointer,
                        m: input.columns, n: upstream.columns, k: input.rows)
        let biasGradient = biasGradient(layer).pointer
        for column in 0..<upstream.columns {
            biasGradient[column] = 0
        }
        for row in 0..<upstream.rows {
            let values = upstream.pointer + row * upstream.columns
            for column in 0..<upstream.columns {
                biasGradient[column] += values[column]
            }
        }
    }

    /// Returns the gradient with respect to the ReLU activations below
    /// `layer`: `(G · Wᵀ) ⊙ [A > 0]`.
    func propagate(_ upstream: DeviceTensor, through layer: Int, activations: DeviceTensor) throws(DeviceError) -> DeviceTensor {
        let weight = weight(layer)
        let transposed = try device.tensor(rows: weight.columns, columns: weight.rows, purpose: "transposed weight of layer \(layer)")
        Matmul.transpose(weight.pointer, rows: weight.rows, columns: weight.columns, into: transposed.pointer)
        let gradient = try device.tensor(rows: upstream.rows, columns: weight.rows, purpose: "gradient of layer \(layer - 1) activations")
        Matmul.multiply(upstream.pointer, transposeA: false, transposed.pointer, into: gradient.pointer,
                        m: upstream.rows, n: weight.rows, k: weight.columns)
        for index in 0..<gradient.count where activations.pointer[index] <= 0 {
            gradient.pointer[index] = 0
        }
        return gradient
    }
}
