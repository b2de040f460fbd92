import Foundation
import PerpetualCheckpoint
import Testing

/// `simrun report` on the trace of a `train` job: loss and accuracy curves
/// and the best epoch in every output format.
@Suite("Training report")
struct TrainingReportTests {
    @Test("training trace gets curves and best epoch", .timeLimit(.minutes(3)))
    func trainingTraceGetsCurvesAndBestEpoch() throws {
        let directory = try TemporaryDirectory("training")
        defer { directory.remove() }
        let run = try Command.runSimrun(["run", "--kernel", "train", "--seed", "5", "--epochs", "4", "--widths", "64",
                                         "--checkpoint", directory.path("job.h5")], in: directory)
        try #require(run.exitCode == 0, "\(run.standardError)")

        // The best epoch is the one with the lowest holdout loss, the first on ties.
        let trace = try TraceFile.read(path: directory.path("job.trace.h5"))
        let losses = trace.values(of: "holdout_loss", group: "training")
        let epochs = trace.values(of: "epoch", group: "training")
        let lowest = try #require(losses.min())
        let bestRow = try #require(losses.firstIndex(of: lowest))

        let table = try Command.runSimrun(["report", directory.path("job.h5")], in: directory)
        #expect(table.exitCode == 0, "\(table.standardError)")
        #expect(table.standardOutput.contains("Training: 4 epochs"))
        #expect(table.standardOutput.contains("Best epoch \(Int(epochs[bestRow])) (lowest holdout_loss)"), "\(table.standardOutput)")

        let json = try Command.runSimrun(["report", "--json", directory.path("job.h5")], in: directory)
        let training = try #require(try Command.jsonObject(json.standardOutput)["training"] as? [String: Any])
        #expect(training["epochs"] as? Int == 4)
        // Foundation's JSONSerialization on Linux can misread the last digit
        // of a double, so values are compared to 1e-15 relative.
        let best = try #require(training["best"] as? [String: Any])
        #expect(best["epoch"] as? Double == epochs[bestRow])
        #expect(relativeDifference(try #require(best["holdout_loss"] as? Double), lowest) <= 1e-15)
        let curves = try #require(training["curves"] as? [String: [Double]])
        let trainLosses = trace.values(of: "train_loss", group: "training")
        #expect(curves["holdout_loss"]?.count == 4)
        #expect(curves["train_loss"]?.count == 4)
        for (ours, stored) in zip(curves["holdout_loss"] ?? [], losses) {
            #expect(relativeDifference(ours, stored) <= 1e-15, "holdout_loss \(ours) against \(stored)")
        }
        for (ours, stored) in zip(curves["train_loss"] ?? [], trainLosses) {
            #expect(relativeDifference(ours, stored) <= 1e-15, "train_loss \(ours) against \(stored)")
        }

        let csv = try Command.runSimrun(["report", "--csv", directory.path("job.h5")], in: directory)
        let lines = csv.standardOutput.split(separator: "\n")
        #expect(lines.first == "epoch,train_loss,holdout_loss,holdout_accuracy,best")
        #expect(lines.count == 5)
        #expect(lines.filter { $0.hasSuffix(",true") }.count == 1)
        #expect(lines[bestRow + 1].hasSuffix(",true"))

        let html = try Command.runSimrun(["report", "--html", directory.path("report.html"), directory.path("job.h5")], in: directory)
        #expect(html.exitCode == 0)
        let page = try String(contentsOfFile: directory.path("report.html"), encoding: .utf8)
        #expect(page.contains("<title>Loss by epoch</title>"))
        #expect(page.contains("<title>Holdout accuracy by epoch</title>"))
        #expect(HTMLReportTests.svgElements(in: page).count == 2)
    }
}
