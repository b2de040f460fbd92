/// Settings of a training job: the network, the optimizer, the batches and
/// the data split. All of them change the results; the device capacity
/// does not and is not part of it.
public struct TrainConfiguration: Sendable, Equatable {
    public enum Optimizer: String, Sendable, CaseIterable {
        /// Stochastic gradient descent with heavy-ball momentum:
        /// `v ← μ v + g`, `θ ← θ − η v` (PyTorch's `SGD` without dampening).
        case sgd
        /// Adam with bias correction: `m ← β₁ m + (1 − β₁) g`,
        /// `v ← β₂ v + (1 − β₂) g²`, `θ ← θ − η m̂ / (√v̂ + ε)`.
        case adam
    }

    /// Widths of the hidden layers, each followed by ReLU. The input has
    /// 64 values and the output 10 logits.
    public var hiddenWidths: [Int] = [128, 64]
    public var optimizer: Optimizer = .adam
    /// Step size η.
    public var learningRate: Double = 0.001
    /// Momentum μ of SGD.
    public var momentum: Double = 0.9
    /// Decay rates β₁, β₂ and ε of Adam.
    public var beta1: Double = 0.9
    public var beta2: Double = 0.999
    public var epsilon: Double = 1e-8
    /// Minibatch size of each epoch.
    public var batchSchedule = BatchSchedule(initial: 32)
    /// Passes over the training images.
    public var epochs: Int = 20
    /// Fraction of each digit's images held out for evaluation.
    public var holdoutFraction: Double = 0.25
    /// Seed of the initial weights, the split and the shuffles.
    public var seed: UInt64

    /// Largest hidden width accepted.
    public static let maximumWidth = 65_536
    /// Largest number of hidden layers accepted.
    public static let maximumHiddenLayers = 16

    public init(seed: UInt64) {
        self.seed = seed
    }

    /// Sizes of all layers: 64 inputs, the hidden widths, 10 outputs.
    public var layerSizes: [Int] { [DigitsData.featureCount] + hiddenWidths + [DigitsData.classCount] }

    /// Checks every field.
    /// - Throws: ``TrainConfigurationError`` naming the first invalid field.
    public func validate() throws(TrainConfigurationError) {
        if hiddenWidths.count > Self.maximumHiddenLayers {
            throw TrainConfigurationError(field: "widths", value: hiddenWidths.map(String.init).joined(separator: ","),
                                          expected: "at most \(Self.maximumHiddenLayers) hidden layers")
        }
        if let bad = hiddenWidths.first(where: { !(1...Self.maximumWidth).contains($0) }) {
            throw TrainConfigurationError(field: "widths", value: "\(bad)", expected: "widths in 1...\(Self.maximumWidth)")
        }
        try check("learning-rate", learningRate, learningRate > 0, "a positive number")
        try check("momentum", momentum, momentum >= 0 && momentum < 1, "a number in [0, 1)")
        try check("beta1", beta1, beta1 >= 0 && beta1 < 1, "a number in [0, 1)")
        try check("beta2", beta2, beta2 >= 0 && beta2 < 1, "a number in [0, 1)")
        try check("epsilon", epsilon, epsilon > 0, "a positive number")
        try check("holdout", holdoutFraction, holdoutFraction > 0 && holdoutFraction < 1, "a fraction in (0, 1)")
        if epochs < 1 {
            throw TrainConfigurationError(field: "epochs", value: "\(epochs)", expected: "at least 1")
        }
    }

    private func check(_ field: String, _ value: Double, _ isValid: Bool, _ expected: String) throws(TrainConfigurationError) {
        guard value.isFinite, isValid else {
            throw TrainConfigurationError(field: field, value: "\(value)", expected: expected)
        }
    }
}

/// An invalid setting of a training job. The command-line tool maps it to
/// exit code 64.
public struct TrainConfigurationError: Error, CustomStringConvertible, Sendable, Equatable {
    /// Option name of the field, for example `learning-rate`.
    public var field: String
    public var value: String
    public var expected: String

    public init(field: String, value: String, expected: String) {
        self.field = field
        self.value = value
        self.expected = expected
    }

    public var description: String {
        "invalid training setting: \(field) is '\(value)', expected \(expected)"
    }
}
