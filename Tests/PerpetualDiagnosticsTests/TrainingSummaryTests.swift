import Testing
import PerpetualDiagnostics

@Suite("Training summary")
struct TrainingSummaryTests {
    @Test("best epoch has lowest holdout loss")
    func bestEpochHasLowestHoldoutLoss() throws {
        let summary = try TrainingSummary(series: [
            "epoch": [1, 2, 3, 4, 5],
            "train_loss": [2.0, 1.0, 0.5, 0.3, 0.2],
            "holdout_loss": [2.1, 1.2, 0.9, 0.9, 1.1],
            "holdout_accuracy": [0.3, 0.6, 0.7, 0.75, 0.72],
        ], source: "t.h5")
        #expect(summary.bestRow == 2)
        #expect(summary.bestEpoch == 3)
        #expect(summary.bestCriterion == "holdout_loss")
        #expect(summary.valueAtBest("holdout_accuracy") == 0.7)
        #expect(summary.notes == ["holdout loss rose by 22.2 % from the best epoch 3 to the last epoch 5; the model may be overfitting"])
    }

    @Test("best epoch falls back by curve", arguments: [
        (label: "accuracy without holdout loss", series: ["holdout_accuracy": [0.2, 0.9, 0.9], "train_loss": [3.0, 2.0, 1.0]],
         row: 1, criterion: "holdout_accuracy"),
        (label: "train loss alone", series: ["train_loss": [3.0, 1.0, 2.0]], row: 1, criterion: "train_loss"),
        (label: "NaN is skipped", series: ["holdout_loss": [1.0, .nan, 0.5]], row: 2, criterion: "holdout_loss"),
    ])
    func bestEpochFallsBack(_ entry: (label: String, series: [String: [Double]], row: Int, criterion: String)) throws {
        let summary = try TrainingSummary(series: entry.series, source: "t.h5")
        #expect(summary.bestRow == entry.row, "\(entry.label)")
        #expect(summary.bestCriterion == entry.criterion, "\(entry.label)")
        #expect(summary.epochs == [1, 2, 3], "\(entry.label)")
    }

    @Test("non-finite value is named")
    func nonFiniteValueIsNamed() throws {
        let summary = try TrainingSummary(series: ["epoch": [1, 2], "train_loss": [1.0, .infinity]], source: "t.h5")
        #expect(summary.notes == ["train_loss is inf at epoch 2; that epoch cannot be the best"])
        #expect(summary.bestRow == 0)
    }

    @Test("invalid training input", arguments: [
        (label: "lengths differ", series: ["epoch": [1.0, 2], "train_loss": [1.0]],
         message: "t.h5: training variable 'train_loss' has 1 rows, 'epoch' has 2"),
        (label: "no curve", series: ["epoch": [1.0, 2], "batch_size": [32.0, 32]],
         message: "t.h5: the 'training' group has none of train_loss, holdout_loss, holdout_accuracy; nothing to report"),
    ])
    func invalidTrainingInput(_ entry: (label: String, series: [String: [Double]], message: String)) {
        do {
            _ = try TrainingSummary(series: entry.series, source: "t.h5")
            Issue.record("\(entry.label): no error thrown")
        } catch {
            #expect("\(error)" == entry.message, "\(entry.label)")
        }
    }
}
