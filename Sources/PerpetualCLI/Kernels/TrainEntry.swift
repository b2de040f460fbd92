import Foundation
import PerpetualCheckpoint
import PerpetualCore
import PerpetualTrain

/// The `train` kernel: a multilayer perceptron trained on the handwritten
/// digits, with its tensors on a simulated device of `--device-memory` bytes.
enum TrainEntry {
    static let entry = KernelEntry(
        name: "train",
        summary: "neural-network training on the UCI handwritten digits, on a simulated device of limited memory",
        options: options,
        required: ["seed"],
        make: { try makeKernel($0) },
        summarize: summarize
    )

    /// Learning rate of each optimizer when `--learning-rate` is not given.
    static let defaultLearningRates: [TrainConfiguration.Optimizer: Double] = [.adam: 0.001, .sgd: 0.05]

    static let options: [OptionSpec] = [
        OptionSpec("widths", value: "W1,W2,…", default: "128,64", role: .physics,
                   help: "Widths of the hidden layers, each followed by ReLU; the input has 64 pixels and the output 10 logits. 'none' for a linear model."),
        OptionSpec("optimizer", value: "NAME", default: "adam", role: .physics,
                   help: "adam (β₁ 0.9, β₂ 0.999, ε 1e-8) or sgd (with --momentum)."),
        OptionSpec("learning-rate", value: "RATE", role: .physics,
                   help: "Step size of the optimizer; default 0.001 for adam, 0.05 for sgd."),
        OptionSpec("momentum", value: "MU", default: "0.9", role: .physics,
                   help: "Momentum of sgd, in [0, 1)."),
        OptionSpec("batch-size", value: "N", default: "32", role: .physics,
                   help: "Images per minibatch (one step) in the first epoch."),
        OptionSpec("batch-schedule", value: "E:N,…", default: "none", role: .physics,
                   help: "Batch size changes: after E completed epochs, batches of N, for example 5:64,10:256. Growing batches need more device memory."),
        OptionSpec("epochs", value: "N", default: "20", role: .physics,
                   help: "Passes over the training images; each ends with a trace row of losses and held-out accuracy."),
        OptionSpec("holdout", value: "FRACTION", default: "0.25", role: .physics,
                   help: "Fraction of each digit's images held out for evaluation (stratified, chosen by the seed)."),
        OptionSpec("seed", value: "S", role: .physics,
                   help: "Random seed of the initial weights, the held-out split and the shuffles, an integer in 0...2^64-1 (required)."),
        OptionSpec("device-memory", value: "SIZE", default: "256MiB", role: .execution,
                   help: "Capacity of the simulated device, such as 256MiB or 1GiB. Results do not depend on it, so a resume may change it."),
        OptionSpec("device-threshold", value: "FRACTION", default: "0.85", role: .execution,
                   help: "Reserved fraction of the device at which the job checkpoints, releases the device, restores and continues in the same process (0 < FRACTION ≤ 1)."),
        OptionSpec("device-restart", value: "POLICY", default: "if-helpful", role: .execution,
                   help: "When reaching --device-threshold restarts the device: if-helpful, only when a release would bring reserved memory under the threshold; always, every time."),
    ]

    /// Reads the training settings from resolved option values.
    /// - Throws: ``UsageError`` naming the option and value when one is invalid.
    static func configuration(_ values: OptionValues) throws -> TrainConfiguration {
        var configuration = TrainConfiguration(seed: try values.unsigned64("seed"))
        configuration.hiddenWidths = try widths(try values.required("widths"))
        let optimizer = try values.choice("optimizer", among: TrainConfiguration.Optimizer.allCases.map(\.rawValue))
        configuration.optimizer = TrainConfiguration.Optimizer(rawValue: optimizer)!
        configuration.learningRate = values["learning-rate"] == nil
            ? defaultLearningRates[configuration.optimizer]!
            : try values.double("learning-rate", expectation: "a positive number") { $0 > 0 }
        configuration.momentum = try values.double("momentum", expectation: "a number in [0, 1)") { $0 >= 0 && $0 < 1 }
        configuration.epochs = try values.integer("epochs", in: 1...1_000_000)
        configuration.holdoutFraction = try values.double("holdout", expectation: "a fraction with 0 < FRACTION < 1") { $0 > 0 && $0 < 1 }
        let batchSize = try values.integer("batch-size", in: 1...BatchSchedule.maximumSize)
        do {
            configuration.batchSchedule = try BatchSchedule.parse(initial: batchSize, changes: try values.required("batch-schedule"))
            try configuration.validate()
        } catch let error as TrainConfigurationError {
            throw UsageError("invalid value '\(error.value)' for --\(error.field): expected \(error.expected)", command: "run")
        }
        return configuration
    }

    /// Parses `--widths`: comma-separated positive integers, or `none`.
    static func widths(_ text: String) throws -> [Int] {
        if text.trimmingSpaces() == "none" { return [] }
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !parts.isEmpty, parts.allSatisfy({ $0 != nil && $0! >= 1 && $0! <= TrainConfiguration.maximumWidth }) else {
            throw UsageError("invalid value '\(text)' for --widths: expected comma-separated integers in 1...\(TrainConfiguration.maximumWidth), for example 128,64, or none", command: "run")
        }
        return parts.map { $0! }
    }

    /// Returns the device capacity of `--device-memory`.
    static func deviceCapacity(_ values: OptionValues) throws -> Int {
        let text = try values.required("device-memory")
        do {
            return try ByteSize.parse(text)
        } catch {
            throw UsageError("invalid value '\(text)' for --device-memory: \(error.reason). Expected \(ByteSize.acceptedForms)", command: "run")
        }
    }

    /// Builds the kernel on a new device of `--device-memory` bytes.
    /// - Throws: ``UsageError`` for invalid settings or a device too small
    ///   for the model, ``InputDataError`` when the bundled data is damaged.
    static func makeKernel(_ values: OptionValues) throws -> TrainKernel {
        let configuration = try configuration(values)
        let capacity = try deviceCapacity(values)
        do {
            return try TrainKernel(configuration: configuration, device: SimulatedDevice(capacity: capacity))
        } catch let error as DeviceError {
            throw UsageError("--device-memory \(try values.required("device-memory")) is too small for this model: \(error)", command: "run")
        } catch let error as TrainDataError {
            throw InputDataError(path: error.resource, detail: error.detail)
        }
    }

    /// Summarises the training trace: the last epoch's losses and accuracy,
    /// and the best held-out accuracy.
    @Sendable
    static func summarize(_ tracePath: String) throws -> [String] {
        let trace = try TraceFile.read(path: tracePath)
        let epochs = trace.values(of: "epoch")
        let trainLoss = trace.values(of: "train_loss")
        let holdoutLoss = trace.values(of: "holdout_loss")
        let accuracy = trace.values(of: "holdout_accuracy")
        guard let last = epochs.indices.last else { return [] }
        let best = accuracy.indices.max { accuracy[$0] < accuracy[$1] }!
        return [
            String(format: "epoch %.0f: train loss %.5f, held-out loss %.5f, held-out accuracy %.2f %%",
                   epochs[last], trainLoss[last], holdoutLoss[last], 100 * accuracy[last]),
            String(format: "best held-out accuracy %.2f %% after epoch %.0f", 100 * accuracy[best], epochs[best]),
        ]
    }
}
