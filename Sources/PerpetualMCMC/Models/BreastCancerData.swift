import Foundation

/// The Wisconsin diagnostic breast-cancer data bundled as
/// `Data/breast_cancer.csv`: 569 cases, 30 features, and the label
/// `malignant` (1 = malignant, 0 = benign).
///
/// `examples/data/README.md` gives the source, licence and export script.
struct BreastCancerData: Sendable {
    static let resourceName = "breast_cancer"
    static let resourceFile = "breast_cancer.csv"
    static let featureCount = 30

    /// Feature names from the CSV header.
    var featureNames: [String]
    /// Raw features, row-major `[caseCount, featureCount]`.
    var features: [Double]
    /// 1 for malignant, 0 for benign.
    var labels: [Double]

    var caseCount: Int { labels.count }

    /// The bundled data, parsed once per process.
    static let bundled: Result<BreastCancerData, MCMCDataError> = Result {
        guard let url = Bundle.module.url(forResource: resourceName, withExtension: "csv", subdirectory: "Data")
            ?? Bundle.module.url(forResource: resourceName, withExtension: "csv") else {
            throw MCMCDataError(resource: resourceFile, detail: "not found in the module's resource bundle")
        }
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw MCMCDataError(resource: resourceFile, detail: "reading \(url.path) failed: \(error)")
        }
        return try parse(text)
    }.mapError { $0 as! MCMCDataError }

    /// Parses the CSV text: a header of 30 feature names and `malignant`,
    /// then one row per case.
    static func parse(_ text: String) throws(MCMCDataError) -> BreastCancerData {
        var lines = text.split(whereSeparator: \.isNewline)
        guard !lines.isEmpty else {
            throw MCMCDataError(resource: resourceFile, detail: "the file is empty")
        }
        let header = lines.removeFirst().split(separator: ",").map(String.init)
        guard header.count == featureCount + 1, header.last == "malignant" else {
            throw MCMCDataError(resource: resourceFile, detail: "line 1: expected \(featureCount) feature names and 'malignant', found \(header.count) columns")
        }

        var features: [Double] = []
        var labels: [Double] = []
        features.reserveCapacity(lines.count * featureCount)
        for (offset, line) in lines.enumerated() {
            let lineNumber = offset + 2
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count == featureCount + 1 else {
                throw MCMCDataError(resource: resourceFile, detail: "line \(lineNumber): expected \(featureCount + 1) fields, found \(fields.count)")
            }
            for field in fields.dropLast() {
                guard let value = Double(field), value.isFinite else {
                    throw MCMCDataError(resource: resourceFile, detail: "line \(lineNumber): '\(field)' is not a finite number")
                }
                features.append(value)
            }
            guard let label = fields.last, label == "0" || label == "1" else {
                throw MCMCDataError(resource: resourceFile, detail: "line \(lineNumber): label '\(fields.last ?? "")' is not 0 or 1")
            }
            labels.append(label == "1" ? 1 : 0)
        }
        return BreastCancerData(featureNames: Array(header.dropLast()), features: features, labels: labels)
    }

    /// Returns the features standardised column by column to mean 0 and
    /// standard deviation 1, where the standard deviation uses the divisor N
    /// (the population standard deviation, as numpy's `std` by default).
    func standardisedFeatures() -> [Double] {
        let rows = caseCount
        let columns = Self.featureCount
        var result = features
        for column in 0..<columns {
            var sum = 0.0
            for row in 0..<rows { sum += features[row * columns + column] }
            let mean = sum / Double(rows)
            var squares = 0.0
            for row in 0..<rows {
                let deviation = features[row * columns + column] - mean
                squares += deviation * deviation
            }
            let standardDeviation = (squares / Double(rows)).squareRoot()
            precondition(standardDeviation > 0, "breast-cancer feature \(featureNames[column]) is constant and cannot be standardised")
            for row in 0..<rows {
                result[row * columns + column] = (features[row * columns + column] - mean) / standardDeviation
            }
        }
        return result
    }
}
