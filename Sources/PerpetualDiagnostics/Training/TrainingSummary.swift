/// Learning curves of a training trace and its best epoch.
///
/// The input is the trace's `training` group, one row per epoch: `epoch`
/// (numbered from 1), `train_loss`, `holdout_loss` and `holdout_accuracy`,
/// any of which may be missing. The best epoch is the one with the lowest
/// finite holdout loss. Without a holdout loss it has the highest holdout
/// accuracy, and without either the lowest training loss. Ties go to the
/// earliest epoch, because later epochs only add training time.
public struct TrainingSummary: Sendable, Equatable {
    /// The curves a summary reads, in the order reports list them.
    public static let curveNames = ["train_loss", "holdout_loss", "holdout_accuracy"]

    /// Epoch number of each row: the `epoch` variable, else 1, 2, ….
    public var epochs: [Double]
    /// Each curve present in the trace, by name, one value per row.
    public var curves: [String: [Double]]
    /// Row of the best epoch, or `nil` when no curve has a finite value.
    public var bestRow: Int?
    /// Curve that chose ``bestRow``: `holdout_loss`, `holdout_accuracy` or `train_loss`.
    public var bestCriterion: String?
    /// One sentence per oddity: a non-finite value, a holdout loss that rose
    /// after the best epoch.
    public var notes: [String]

    /// Summarises the `training` series by name.
    /// - Throws: ``DiagnosticsError`` `.invalidTraining` when the series
    ///   differ in length or none of ``curveNames`` is present.
    public init(series: [String: [Double]], source: String) throws {
        let rowCount = series["epoch"]?.count ?? series.values.first?.count ?? 0
        for (name, values) in series where values.count != rowCount {
            throw DiagnosticsError(.invalidTraining, source: source,
                                   detail: "training variable '\(name)' has \(values.count) rows, 'epoch' has \(rowCount)")
        }
        curves = series.filter { Self.curveNames.contains($0.key) }
        guard !curves.isEmpty else {
            throw DiagnosticsError(.invalidTraining, source: source,
                                   detail: "the 'training' group has none of \(Self.curveNames.joined(separator: ", ")); nothing to report")
        }
        epochs = series["epoch"] ?? (0..<rowCount).map { Double($0 + 1) }
        notes = []

        for name in Self.curveNames {
            guard let values = curves[name], let row = values.firstIndex(where: { !$0.isFinite }) else { continue }
            notes.append("\(name) is \(values[row]) at epoch \(Self.label(epochs[row])); that epoch cannot be the best")
        }
        let choices: [(name: String, lowerIsBetter: Bool)] = [("holdout_loss", true), ("holdout_accuracy", false), ("train_loss", true)]
        for choice in choices {
            guard let values = curves[choice.name], let row = Self.bestRow(values, lowerIsBetter: choice.lowerIsBetter) else { continue }
            bestRow = row
            bestCriterion = choice.name
            break
        }
        if let bestRow, bestCriterion == "holdout_loss", let losses = curves["holdout_loss"], bestRow < rowCount - 1,
           let last = losses.last, last.isFinite {
            let rise = (last - losses[bestRow]) / abs(losses[bestRow])
            notes.append("holdout loss rose by \(Self.percent(rise)) % from the best epoch \(Self.label(epochs[bestRow])) to the last epoch \(Self.label(epochs[rowCount - 1])); the model may be overfitting")
        }
    }

    /// Number of epochs (rows).
    public var epochCount: Int { epochs.count }

    /// Epoch number of the best epoch.
    public var bestEpoch: Double? { bestRow.map { epochs[$0] } }

    /// Value of curve `name` at the best epoch.
    public func valueAtBest(_ name: String) -> Double? {
        guard let bestRow, let values = curves[name] else { return nil }
        return values[bestRow]
    }

    /// Returns the row with the lowest (or highest) finite value, the earliest on ties.
    static func bestRow(_ values: [Double], lowerIsBetter: Bool) -> Int? {
        var best: Int?
        for (row, value) in values.enumerated() where value.isFinite {
            guard let current = best else {
                best = row
                continue
            }
            if lowerIsBetter ? value < values[current] : value > values[current] {
                best = row
            }
        }
        return best
    }

    /// `12` for a whole epoch number, else the number as written.
    public static func label(_ epoch: Double) -> String {
        epoch == epoch.rounded() && abs(epoch) < 1e15 ? String(Int(epoch)) : String(epoch)
    }

    private static func percent(_ fraction: Double) -> String {
        String(Double(Int((fraction * 1000).rounded())) / 10)
    }
}
