import PerpetualCore

extension TrainKernel {
    /// Names of the trace columns, in row order.
    public static let traceColumns = ["epoch", "batch_size", "train_loss", "holdout_loss", "holdout_accuracy"]

    /// One row per epoch in group `training`, accumulating along `epoch`.
    /// A row holds the epoch number (from 1) and its batch size. Then comes
    /// the mean cross-entropy of its training batches, in nats per image,
    /// with the weights as they were when each batch ran. Last come the mean
    /// cross-entropy and the accuracy on the held-out images after the epoch.
    public var traceSchema: TraceSchema {
        TraceSchema(Self.traceColumns.map { TraceSchema.Variable(name: $0, group: "training", shape: [], dimensions: []) },
                    rowDimension: "epoch")
    }
}
