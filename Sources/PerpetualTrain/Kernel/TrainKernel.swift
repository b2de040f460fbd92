import PerpetualCore

/// Minibatch training of a multilayer perceptron on the handwritten
/// digits, as a checkpointable ``Kernel`` whose tensors live on a
/// ``SimulatedDevice``.
///
/// One step is one minibatch: copy the batch to the device, forward pass,
/// softmax cross-entropy, backward pass, optimizer update. The last step of
/// each epoch also evaluates the held-out images and returns a trace row
/// (see ``traceSchema``); other steps return none.
///
/// Random numbers come from ``CounterRNG`` streams of the seed, so nothing
/// random needs storing: stream 0 draws the initial weights (step = layer),
/// stream 1 the held-out split (step = digit), stream 2 the shuffle of
/// each epoch (step = epoch). Weights start from He's normal initialisation
/// `N(0, 2 / fan_in)` and biases from 0.
public final class TrainKernel: DeviceMemoryKernel {
    public let configuration: TrainConfiguration
    public let device: SimulatedDevice
    public let layout: EpochLayout
    let training: DigitsData
    let holdout: DigitsData
    /// The persistent tensors; `nil` between ``releaseDevice()`` and a restore.
    var network: NetworkTensors?
    public internal(set) var completedSteps = 0
    /// Summed cross-entropy of the current epoch's batches so far.
    var epochLossSum = 0.0
    /// The shuffled training order of the current epoch, recomputed from the seed.
    private var shuffled: (epoch: Int, order: [Int])?

    static let initializationStream: UInt32 = 0
    static let splitStream: UInt32 = 1
    static let shuffleStream: UInt32 = 2

    public var kernelName: String { "train" }
    public var totalSteps: Int { layout.totalSteps }

    /// Loads the data, splits it, allocates the model and optimizer state
    /// on `device` and uploads the initial weights.
    /// - Throws: ``TrainConfigurationError`` for an invalid setting,
    ///   ``TrainDataError`` when the bundled data cannot be read, and
    ///   ``DeviceError`` when the persistent tensors do not fit `device`.
    public init(configuration: TrainConfiguration, device: SimulatedDevice) throws {
        try configuration.validate()
        let data = try DigitsData.bundled.get()
        let split = StratifiedSplit(labels: data.labels, classCount: DigitsData.classCount,
                                    fraction: configuration.holdoutFraction, seed: configuration.seed, stream: Self.splitStream)
        self.configuration = configuration
        self.device = device
        self.training = data.subset(split.training)
        self.holdout = data.subset(split.holdout)
        self.layout = EpochLayout(imageCount: split.training.count, epochs: configuration.epochs, schedule: configuration.batchSchedule)

        let network = try allocateNetwork()
        for (index, values) in initialParameters().enumerated() {
            device.upload(values, to: network.parameters[index])
        }
        self.network = network
    }

    /// Number of training and held-out images.
    public var imageCounts: (training: Int, holdout: Int) { (training.imageCount, holdout.imageCount) }

    /// Allocates the persistent tensors after checking that they fit,
    /// calling `fill` as ``NetworkTensors/init(device:layerSizes:optimizer:fill:)`` does.
    /// - Throws: ``DeviceError/Code/planDoesNotFit`` naming their total size.
    func allocateNetwork(fill: (_ persistentIndex: Int, _ tensor: DeviceTensor) -> Void = { _, _ in }) throws(DeviceError) -> NetworkTensors {
        let sizes = NetworkTensors.allocationSizes(layerSizes: configuration.layerSizes, optimizer: configuration.optimizer)
        guard device.fits(AllocationPlan(phases: [sizes]), releasingCache: true) else {
            throw DeviceError(.planDoesNotFit, purpose: "the model's parameters, gradients and optimizer state",
                              requestedBytes: sizes.reduce(0, +), capacityBytes: device.capacity,
                              allocatedBytes: device.allocatedBytes, reservedBytes: device.reservedBytes)
        }
        return try NetworkTensors(device: device, layerSizes: configuration.layerSizes, optimizer: configuration.optimizer, fill: fill)
    }

    /// He-initialised weights and zero biases, in parameter order.
    func initialParameters() -> [[Double]] {
        NetworkTensors.parameterShapes(configuration.layerSizes).enumerated().map { index, shape in
            let count = shape.rows * shape.columns
            guard index % 2 == 0 else { return [Double](repeating: 0, count: count) }
            var random = CounterRNG(seed: configuration.seed, stream: Self.initializationStream, step: UInt64(index / 2 + 1))
            let scale = (2 / Double(shape.rows)).squareRoot()
            return (0..<count).map { _ in scale * random.nextNormal() }
        }
    }

    // MARK: - Steps

    /// Trains on one minibatch; at the end of an epoch also evaluates the
    /// held-out images and returns the epoch's trace row.
    /// Traps after the last step, and after ``releaseDevice()`` without a restore.
    /// - Throws: ``DeviceError`` when a temporary tensor does not fit.
    public func advanceStep() throws -> [Double]? {
        precondition(!isComplete, "TrainKernel.advanceStep() called after the last step \(totalSteps); check isComplete first")
        guard let network else {
            preconditionFailure("TrainKernel.advanceStep() called after releaseDevice(); call restoreState(_:) first")
        }
        let step = completedSteps
        let (epoch, batch) = layout.position(ofStep: step)
        let order = shuffledOrder(epoch: epoch)
        let indices = Array(order[layout.batchRange(epoch: epoch, batch: batch)])

        let input = try upload(training, indices: indices, purpose: "input batch")
        let labels = indices.map { training.labels[$0] }
        let outputs = try network.forward(input)
        let (lossSum, _) = NetworkTensors.softmaxCrossEntropy(outputs[outputs.count - 1], labels: labels[...])
        device.countDownload(bytes: MemoryLayout<Double>.stride)
        try network.backward(input: input, outputs: outputs, labels: labels[...])
        network.update(configuration: configuration, adamStep: step + 1)
        epochLossSum += lossSum

        var row: [Double]?
        if layout.endsEpoch(step) {
            let (holdoutLoss, accuracy) = try evaluate(network, chunk: layout.batchSizes[epoch])
            row = [Double(epoch + 1), Double(layout.batchSizes[epoch]), epochLossSum / Double(layout.imageCount), holdoutLoss, accuracy]
            epochLossSum = 0
        }
        completedSteps = step + 1
        return row
    }

    /// Returns the mean cross-entropy and the accuracy on the held-out
    /// images, evaluated in chunks of `chunk` images.
    func evaluate(_ network: NetworkTensors, chunk: Int) throws(DeviceError) -> (loss: Double, accuracy: Double) {
        var lossSum = 0.0
        var correct = 0
        var start = 0
        while start < holdout.imageCount {
            let indices = Array(start..<min(holdout.imageCount, start + chunk))
            let input = try upload(holdout, indices: indices, purpose: "held-out batch")
            let outputs = try network.forward(input)
            let result = NetworkTensors.softmaxCrossEntropy(outputs[outputs.count - 1], labels: holdout.labels[indices.first!...indices.last!])
            device.countDownload(bytes: 2 * MemoryLayout<Double>.stride)
            lossSum += result.lossSum
            correct += result.correct
            start += chunk
        }
        return (lossSum / Double(holdout.imageCount), Double(correct) / Double(holdout.imageCount))
    }

    /// Copies the images at `indices` of `data` into a new device tensor.
    func upload(_ data: DigitsData, indices: [Int], purpose: String) throws(DeviceError) -> DeviceTensor {
        let width = DigitsData.featureCount
        let tensor = try device.tensor(rows: indices.count, columns: width, purpose: purpose)
        var staged: [Double] = []
        staged.reserveCapacity(indices.count * width)
        for index in indices {
            staged.append(contentsOf: data.features[(index * width)..<((index + 1) * width)])
        }
        device.upload(staged, to: tensor)
        return tensor
    }

    /// Returns the training order of `epoch`, a permutation of the training images.
    func shuffledOrder(epoch: Int) -> [Int] {
        if let shuffled, shuffled.epoch == epoch { return shuffled.order }
        var random = CounterRNG(seed: configuration.seed, stream: Self.shuffleStream, step: UInt64(epoch))
        let order = Shuffle.permutation(count: layout.imageCount, using: &random)
        shuffled = (epoch, order)
        return order
    }

    public var progressNote: String? {
        guard !isComplete else { return nil }
        let (epoch, _) = layout.position(ofStep: completedSteps)
        let statistics = device.statistics
        return "epoch \(epoch + 1)/\(configuration.epochs), batch size \(layout.batchSizes[epoch]), device "
            + "\(ByteSize.format(statistics.reservedBytes)) reserved of \(ByteSize.format(device.capacity)) "
            + "(peak \(ByteSize.format(statistics.peakReservedBytes)))"
    }
}
