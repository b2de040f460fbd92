import Foundation
import PerpetualCore

/// The UCI optical handwritten digits bundled as `Data/digits.csv`: 1797
/// images of 8 × 8 pixel counts in 0...16, and the digit each shows.
///
/// `examples/data/README.md` gives the source, licence and export script.
public struct DigitsData: Sendable {
    static let resourceName = "digits"
    static let resourceFile = "digits.csv"
    /// Pixels per image.
    public static let featureCount = 64
    /// Digits 0 to 9.
    public static let classCount = 10
    /// Largest pixel count; inputs are divided by it.
    static let maximumPixel = 16.0

    /// Pixels divided by 16, row-major `[imageCount, 64]`, in [0, 1].
    public var features: [Double]
    /// The digit of each image.
    public var labels: [Int]

    public var imageCount: Int { labels.count }

    /// The bundled data, parsed once per process.
    public static let bundled: Result<DigitsData, TrainDataError> = Result {
        guard let url = Bundle.module.url(forResource: resourceName, withExtension: "csv", subdirectory: "Data")
            ?? Bundle.module.url(forResource: resourceName, withExtension: "csv") else {
            throw TrainDataError(resource: resourceFile, detail: "not found in the module's resource bundle")
        }
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw TrainDataError(resource: resourceFile, detail: "reading \(url.path) failed: \(error)")
        }
        return try parse(text)
    }.mapError { $0 as! TrainDataError }

    /// Parses the CSV text: a header of 64 pixel names and `digit`, then one
    /// row of integers per image.
    static func parse(_ text: String) throws(TrainDataError) -> DigitsData {
        var lines = text.split(whereSeparator: \.isNewline)
        guard !lines.isEmpty else {
            throw TrainDataError(resource: resourceFile, detail: "the file is empty")
        }
        let header = lines.removeFirst().split(separator: ",")
        guard header.count == featureCount + 1, header.last == "digit" else {
            throw TrainDataError(resource: resourceFile, detail: "line 1: expected \(featureCount) pixel names and 'digit', found \(header.count) columns")
        }

        var features: [Double] = []
        var labels: [Int] = []
        features.reserveCapacity(lines.count * featureCount)
        for (offset, line) in lines.enumerated() {
            let lineNumber = offset + 2
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count == featureCount + 1 else {
                throw TrainDataError(resource: resourceFile, detail: "line \(lineNumber): expected \(featureCount + 1) fields, found \(fields.count)")
            }
            for field in fields.dropLast() {
                guard let pixel = Int(field), pixel >= 0, Double(pixel) <= maximumPixel else {
                    throw TrainDataError(resource: resourceFile, detail: "line \(lineNumber): pixel '\(field)' is not an integer in 0...16")
                }
                features.append(Double(pixel) / maximumPixel)
            }
            guard let digit = Int(fields.last!), (0..<classCount).contains(digit) else {
                throw TrainDataError(resource: resourceFile, detail: "line \(lineNumber): digit '\(fields.last!)' is not in 0...9")
            }
            labels.append(digit)
        }
        return DigitsData(features: features, labels: labels)
    }

    /// Returns the images at `indices`, in that order.
    public func subset(_ indices: [Int]) -> DigitsData {
        var features: [Double] = []
        features.reserveCapacity(indices.count * Self.featureCount)
        for index in indices {
            features.append(contentsOf: self.features[(index * Self.featureCount)..<((index + 1) * Self.featureCount)])
        }
        return DigitsData(features: features, labels: indices.map { labels[$0] })
    }
}

/// The bundled data file cannot be read or parsed.
///
/// This points at a broken installation or a damaged resource, not at user
/// input. The command-line tool maps it to exit code 65.
public struct TrainDataError: Error, CustomStringConvertible, Sendable, Equatable {
    /// File name of the resource, for example `digits.csv`.
    public var resource: String
    public var detail: String

    public init(resource: String, detail: String) {
        self.resource = resource
        self.detail = detail
    }

    public var description: String {
        "cannot load the training data \(resource): \(detail). Rebuild the package; examples/data/export_digits.py regenerates the file"
    }
}
