/// The minibatch size of each epoch: an initial size, changed after given
/// numbers of completed epochs. A growing schedule is a common way to trade
/// gradient noise for throughput late in training, and it makes device
/// memory pressure grow as training goes on.
public struct BatchSchedule: Sendable, Equatable {
    /// One change: from epoch `afterEpochs + 1` on (counting from 1), batches of `size`.
    public struct Change: Sendable, Equatable {
        public var afterEpochs: Int
        public var size: Int

        public init(afterEpochs: Int, size: Int) {
            self.afterEpochs = afterEpochs
            self.size = size
        }
    }

    public var initial: Int
    /// Changes in increasing order of `afterEpochs`.
    public private(set) var changes: [Change]

    /// Largest batch size accepted.
    public static let maximumSize = 1 << 20

    /// Traps unless the sizes are in 1...``maximumSize`` and the changes
    /// come in strictly increasing order of `afterEpochs` ≥ 1; use
    /// ``parse(initial:changes:)`` for user input.
    public init(initial: Int, changes: [Change] = []) {
        precondition((1...Self.maximumSize).contains(initial), "BatchSchedule initial size \(initial) is outside 1...\(Self.maximumSize)")
        for (index, change) in changes.enumerated() {
            precondition((1...Self.maximumSize).contains(change.size), "BatchSchedule size \(change.size) is outside 1...\(Self.maximumSize)")
            precondition(change.afterEpochs >= 1 && (index == 0 || change.afterEpochs > changes[index - 1].afterEpochs),
                         "BatchSchedule changes must come after strictly increasing epoch counts ≥ 1, got \(changes.map(\.afterEpochs))")
        }
        self.initial = initial
        self.changes = changes
    }

    /// Returns the batch size of epoch `epoch`, counting from 0.
    public func size(ofEpoch epoch: Int) -> Int {
        changes.last { $0.afterEpochs <= epoch }?.size ?? initial
    }

    /// Parses `EPOCHS:SIZE` pairs separated by commas, such as `5:64,10:256`:
    /// after 5 epochs batches of 64, after 10 of 256. An empty string or
    /// `none` means no changes.
    /// - Throws: ``TrainConfigurationError`` for field `batch-schedule` quoting the text.
    public static func parse(initial: Int, changes text: String) throws(TrainConfigurationError) -> BatchSchedule {
        let expected = "comma-separated EPOCHS:SIZE pairs with increasing EPOCHS ≥ 1 and SIZE in 1...\(maximumSize), for example 5:64,10:256"
        guard (1...maximumSize).contains(initial) else {
            throw TrainConfigurationError(field: "batch-size", value: "\(initial)", expected: "a size in 1...\(maximumSize)")
        }
        let trimmed = text.filter { $0 != " " }
        guard !trimmed.isEmpty, trimmed != "none" else { return BatchSchedule(initial: initial) }

        var changes: [Change] = []
        for pair in trimmed.split(separator: ",", omittingEmptySubsequences: false) {
            let parts = pair.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 2, let epochs = Int(parts[0]), let size = Int(parts[1]),
                  epochs >= 1, (1...maximumSize).contains(size), epochs > (changes.last?.afterEpochs ?? 0) else {
                throw TrainConfigurationError(field: "batch-schedule", value: text, expected: expected)
            }
            changes.append(Change(afterEpochs: epochs, size: size))
        }
        return BatchSchedule(initial: initial, changes: changes)
    }
}
