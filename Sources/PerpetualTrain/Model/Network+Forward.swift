#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import PerpetualCore

extension NetworkTensors {
    /// Runs the batch `input` (`batch × 64`) through the network and
    /// returns the output of every layer: ReLU activations of the hidden
    /// layers, then the logits. Each output is a new device tensor.
    /// - Throws: ``DeviceError`` when an output does not fit.
    func forward(_ input: DeviceTensor) throws(DeviceError) -> [DeviceTensor] {
        var outputs: [DeviceTensor] = []
        var current = input
        for layer in 1...layerCount {
            let output = try device.tensor(rows: input.rows, columns: layerSizes[layer], purpose: "activations of layer \(layer)")
            affine(current, layer: layer, into: output)
            if layer < layerCount {
                Self.relu(output)
            }
            outputs.append(output)
            current = output
        }
        return outputs
    }

    /// Computes `output = input · W + b` for one layer.
    func affine(_ input: DeviceTensor, layer: Int, into output: DeviceTensor) {
        let weight = weight(layer)
        Matmul.multiply(input.pointer, transposeA: false, weight.pointer, into: output.pointer,
                        m: input.rows, n: weight.columns, k: weight.rows)
        let bias = bias(layer).elements
        for row in 0..<output.rows {
            let rowBuffer = UnsafeMutableBufferPointer(start: output.pointer + row * output.columns, count: output.columns)
            VectorMath.axpy(1, bias, rowBuffer)
        }
    }

    /// Replaces negative values by 0 in place.
    static func relu(_ tensor: DeviceTensor) {
        let values = tensor.pointer
        for index in 0..<tensor.count where values[index] < 0 {
            values[index] = 0
        }
    }

    /// Turns each row of logits into softmax probabilities in place and
    /// returns the summed cross-entropy `−Σ log p[label]` over the rows and
    /// the number of rows whose largest logit (the first, on ties) is at the
    /// label.
    static func softmaxCrossEntropy(_ logits: DeviceTensor, labels: ArraySlice<Int>) -> (lossSum: Double, correct: Int) {
        precondition(labels.count == logits.rows, "softmaxCrossEntropy: \(labels.count) labels for \(logits.rows) rows")
        var lossSum = 0.0
        var correct = 0
        let columns = logits.columns
        for (row, label) in zip(0..<logits.rows, labels) {
            let values = logits.pointer + row * columns
            var largest = values[0]
            var predicted = 0
            for column in 1..<columns where values[column] > largest {
                largest = values[column]
                predicted = column
            }
            // −log p[label] = log Σ exp(z − max) − (z[label] − max), from the
            // shifted logits, so that a tiny probability cannot underflow to log 0.
            let shiftedLabelLogit = values[label] - largest
            var sum = 0.0
            for column in 0..<columns {
                values[column] = exp(values[column] - largest)
                sum += values[column]
            }
            for column in 0..<columns {
                values[column] /= sum
            }
            lossSum += log(sum) - shiftedLabelLogit
            if predicted == label { correct += 1 }
        }
        return (lossSum, correct)
    }
}
