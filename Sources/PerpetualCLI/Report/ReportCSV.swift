import PerpetualDiagnostics

/// The `--csv` output of `simrun report`: a header and one row per
/// parameter, numbers at full precision, empty fields for undefined values,
/// `inf` for an infinite R-hat.
enum ReportCSV {
    static let header = "name,mean,sd,median,q5,q95,mcse_mean,mcse_sd,mcse_median,mcse_q5,mcse_q95,r_hat,r_hat_bulk,r_hat_tail,ess_bulk,ess_tail,converged"

    static func render(_ report: ConvergenceReport) -> String {
        var text = header + "\n"
        for p in report.parameters {
            let values = [p.mean, p.sd, p.median, p.quantile05, p.quantile95,
                          p.mcseMean, p.mcseSD, p.mcseMedian, p.mcseQuantile05, p.mcseQuantile95,
                          p.rhat, p.rhatBulk, p.rhatTail, p.essBulk, p.essTail]
            let fields = [quoted(p.name)] + values.map { $0.map(NumberFormat.exact) ?? "" }
                + [report.criteria.failures(of: p).isEmpty ? "true" : "false"]
            text += fields.joined(separator: ",") + "\n"
        }
        return text
    }

    private static func quoted(_ name: String) -> String {
        name.contains(",") || name.contains("\"") ? "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : name
    }
}

import Foundation
