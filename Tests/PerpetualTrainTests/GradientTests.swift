import PerpetualCore
import Testing
@testable import PerpetualTrain

/// The backward pass against central finite differences of the loss.
@Suite struct GradientTests {
    /// A network of 64 inputs, hidden widths 5 and 4, 10 outputs, and a
    /// batch of 6 digit images.
    static let layerSizes = [64, 5, 4, 10]

    /// Mean cross-entropy of the batch for the network's current weights.
    static func loss(_ network: NetworkTensors, input: DeviceTensor, labels: [Int]) throws -> Double {
        let outputs = try network.forward(input)
        return NetworkTensors.softmaxCrossEntropy(outputs.last!, labels: labels[...]).lossSum / Double(labels.count)
    }

    @Test func backwardMatchesFiniteDifferences() throws {
        let device = SimulatedDevice(capacity: 16 << 20)
        let network = try NetworkTensors(device: device, layerSizes: Self.layerSizes, optimizer: .sgd)
        var random = CounterRNG(seed: 11, stream: 0, step: 0)
        for parameter in network.parameters {
            device.upload((0..<parameter.count).map { _ in 0.5 * random.nextNormal() }, to: parameter)
        }
        let data = try DigitsData.bundled.get().subset([0, 1, 2, 3, 4, 5])
        let input = try device.tensor(rows: 6, columns: 64, purpose: "input")
        device.upload(data.features, to: input)

        let outputs = try network.forward(input)
        _ = NetworkTensors.softmaxCrossEntropy(outputs.last!, labels: data.labels[...])
        try network.backward(input: input, outputs: outputs, labels: data.labels[...])

        // Every 7th element of every parameter, by central differences.
        let step = 1e-6
        var worst = 0.0
        var checked = 0
        for (index, parameter) in network.parameters.enumerated() {
            let analytic = device.download(network.gradients[index])
            for element in stride(from: 0, to: parameter.count, by: 7) {
                let original = parameter.pointer[element]
                parameter.pointer[element] = original + step
                let plus = try Self.loss(network, input: input, labels: data.labels)
                parameter.pointer[element] = original - step
                let minus = try Self.loss(network, input: input, labels: data.labels)
                parameter.pointer[element] = original
                let numeric = (plus - minus) / (2 * step)
                worst = max(worst, abs(numeric - analytic[element]) / max(1e-3, abs(numeric) + abs(analytic[element])))
                checked += 1
            }
        }

        #expect(checked == 59)
        #expect(worst < 1e-6, "largest relative difference \(worst)")
    }
}
