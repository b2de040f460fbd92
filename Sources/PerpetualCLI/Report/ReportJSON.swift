import PerpetualDiagnostics

/// The `--json` output of `simrun report`.
///
/// Numbers are written at full precision (they read back as the same
/// doubles). JSON has no NaN or infinity: an undefined or infinite value is
/// `null`, and the parameter's `notes` say which it is.
enum ReportJSON {
    static func render(_ report: ConvergenceReport?, thermo: ThermoReport?, training: TrainingSummary? = nil,
                       efficiency: [(String, String)]? = nil) -> String {
        var fields: [(String, String)] = []
        if let report {
            fields += [
                ("source", string(report.source)),
                ("chains", String(report.chainCount)),
                ("draws", String(report.drawCount)),
                ("criteria", object([("rhat_threshold", number(report.criteria.rhatThreshold)),
                                     ("ess_threshold", number(report.criteria.essThreshold))])),
                ("converged", report.isConverged ? "true" : "false"),
                ("notes", array(report.notes.map(string))),
                ("parameters", array(report.parameters.map { parameter($0, criteria: report.criteria) })),
            ]
        }
        if let thermo {
            fields.append(("thermo", thermoObject(thermo)))
        }
        if let training {
            fields.append(("training", ReportTraining.json(training)))
        }
        if let efficiency {
            fields.append(("efficiency", object(efficiency)))
        }
        return object(fields) + "\n"
    }

    private static func parameter(_ p: ParameterSummary, criteria: ConvergenceCriteria) -> String {
        let failures = criteria.failures(of: p)
        return object([
            ("name", string(p.name)),
            ("mean", number(p.mean)), ("sd", number(p.sd)), ("median", number(p.median)),
            ("q5", number(p.quantile05)), ("q95", number(p.quantile95)),
            ("mcse_mean", number(p.mcseMean)), ("mcse_sd", number(p.mcseSD)), ("mcse_median", number(p.mcseMedian)),
            ("mcse_q5", number(p.mcseQuantile05)), ("mcse_q95", number(p.mcseQuantile95)),
            ("r_hat", number(p.rhat)), ("r_hat_bulk", number(p.rhatBulk)), ("r_hat_tail", number(p.rhatTail)),
            ("ess_bulk", number(p.essBulk)), ("ess_tail", number(p.essTail)),
            ("converged", failures.isEmpty ? "true" : "false"),
            ("failures", array(failures.map(string))),
            ("notes", array(p.notes.map { object([("kind", string($0.kind.rawValue)), ("message", string($0.message))]) })),
        ])
    }

    private static func thermoObject(_ thermo: ThermoReport) -> String {
        var fields: [(String, String)] = [("rows", String(thermo.summary.rowCount))]
        fields.append(("averages", object(thermo.summary.averages.map { name, average in
            (name, object([("mean", number(average.mean)), ("standard_error", number(average.standardError)),
                           ("blocks", String(average.blockCount)), ("block_length", String(average.blockLength))]))
        })))
        if let drift = thermo.summary.drift {
            fields.append(("energy_drift_per_atom", object([("slope", number(drift.slopePerAtom)),
                                                            ("standard_error", number(drift.standardErrorPerAtom)),
                                                            ("blocks", String(drift.blockCount))])))
        } else {
            fields.append(("energy_drift_per_atom", "null"))
        }
        fields.append(("notes", array(thermo.notes.map(string))))
        return object(fields)
    }

    static func number(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "null" }
        return "\(value)"
    }

    static func string(_ text: String) -> String {
        var escaped = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            case "\n": escaped += "\\n"
            case "\r": escaped += "\\r"
            case "\t": escaped += "\\t"
            case _ where scalar.value < 0x20:
                escaped += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count) + String(scalar.value, radix: 16)
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped + "\""
    }

    static func object(_ fields: [(String, String)]) -> String {
        "{" + fields.map { "\(string($0.0)): \($0.1)" }.joined(separator: ", ") + "}"
    }

    static func array(_ items: [String]) -> String {
        "[" + items.joined(separator: ", ") + "]"
    }
}
