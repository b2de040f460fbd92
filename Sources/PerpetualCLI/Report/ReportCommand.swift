import Foundation
import PerpetualDiagnostics

/// `simrun report`: reads draws, prints the summary, and returns exit code 0
/// when every parameter meets the convergence criteria, 2 when not, and 4
/// when an unfinished job has no draws yet.
enum ReportCommand {
    static func run(_ arguments: [String]) throws -> ExitCode {
        if arguments.contains("--help") {
            print(ReportOptions.help + Help.format(ReportOptions.all), terminator: "")
            return .complete
        }
        let parsed = try ArgumentParser(command: "report", options: ReportOptions.all, maxPositionals: 1).parse(arguments)
        guard let path = parsed.positionals.first else {
            throw UsageError("missing the FILE to report on: a trace, checkpoint, CSV or InferenceData file", command: "report")
        }
        let options = try ReportSettings(parsed.values)

        // Read and summarise.
        let input = try ReportInput.read(path: path)
        if let note = input.noRowsYetNote {
            return try reportNoRowsYet(note, path: path, options: options)
        }
        var report = try input.draws.map { try ConvergenceReport(draws: $0, criteria: options.criteria, truncate: options.truncate) }
        if let note = input.progressNote {
            report?.notes.insert(note, at: 0)
        }
        let thermo = try input.thermo.map {
            try ThermoReport.make(series: $0.series, time: $0.time, atoms: options.atoms, timestep: options.timestep, source: path)
        }
        let training = try input.training.map { try TrainingSummary(series: $0, source: path) }

        let efficiency = try ReportEfficiency.read(path: path)

        // Print, and write the HTML file.
        switch options.format {
        case .table:
            print(ReportTable.render(report, thermo: thermo, training: training), terminator: "")
            if let efficiency { print("\n" + ReportEfficiency.text(efficiency), terminator: "") }
        case .json:
            print(ReportJSON.render(report, thermo: thermo, training: training, efficiency: efficiency.map(EfficiencyText.jsonFields)),
                  terminator: "")
        case .csv:
            if let report {
                print(ReportCSV.render(report), terminator: "")
            } else if let training {
                print(ReportTraining.csv(training), terminator: "")
            } else {
                throw UsageError("--csv lists parameters or epochs, but \(path) contains neither MCMC draws nor training curves; use the table or --json", command: "report")
            }
        }
        if let htmlPath = options.htmlPath {
            let html = ReportHTML.render(report: report, draws: try input.draws?.matrices(truncate: options.truncate), thermo: thermo,
                                         training: training)
            try OutputFile.write(html, to: htmlPath, what: "the HTML report")
        }
        return report?.isConverged == false ? .notConverged : .complete
    }

    /// Prints that an unfinished job has no trace rows yet, in the chosen
    /// format, and returns ``ExitCode/noDrawsYet``.
    private static func reportNoRowsYet(_ note: String, path: String, options: ReportSettings) throws -> ExitCode {
        switch options.format {
        case .table: print(note)
        case .json:
            print(ReportJSON.object([("source", ReportJSON.string(path)), ("draws", "0"), ("converged", "false"),
                                     ("notes", ReportJSON.array([ReportJSON.string(note)]))]))
        case .csv: print(ReportCSV.header)
        }
        if let htmlPath = options.htmlPath {
            let page = "<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>No draws yet</title></head>\n<body>\n<p>\(HTMLText.escape(note))</p>\n</body>\n</html>\n"
            try OutputFile.write(page, to: htmlPath, what: "the HTML report")
        }
        return .noDrawsYet
    }
}

/// Validated option values of `simrun report`.
struct ReportSettings {
    enum Format { case table, json, csv }

    var format: Format
    var htmlPath: String?
    var criteria: ConvergenceCriteria
    var truncate: Bool
    var atoms: Int?
    var timestep: Double?

    init(_ values: [String: String]) throws {
        if values["json"] != nil, values["csv"] != nil {
            throw UsageError("--json and --csv exclude each other; choose one", command: "report")
        }
        if values["json"] != nil {
            format = .json
        } else if values["csv"] != nil {
            format = .csv
        } else {
            format = .table
        }
        htmlPath = values["html"]
        truncate = values["truncate"] != nil

        let rhat = try Self.number(values, "rhat-threshold", expectation: "a number greater than 1") { $0 > 1 } ?? 1.01
        let ess = try Self.number(values, "ess-threshold", expectation: "a number of at least 1") { $0 >= 1 } ?? 400
        criteria = ConvergenceCriteria(rhatThreshold: rhat, essThreshold: ess)
        let atomCount = try Self.number(values, "atoms", expectation: "a whole number of at least 1") { $0 >= 1 && $0 == $0.rounded() && $0 < 1e15 }
        atoms = atomCount.map { Int($0) }
        timestep = try Self.number(values, "timestep", expectation: "a positive number") { $0 > 0 }
    }

    /// The value of option `name` as a finite number that `isValid` accepts, or `nil` when not given.
    private static func number(_ values: [String: String], _ name: String, expectation: String, isValid: (Double) -> Bool) throws -> Double? {
        guard let text = values[name] else { return nil }
        guard let value = Double(text.trimmingSpaces()), value.isFinite, isValid(value) else {
            throw UsageError("invalid value '\(text)' for --\(name): expected \(expectation)", command: "report")
        }
        return value
    }
}
