/// Draws that cannot be summarised: invalid input, reported with the file,
/// the chain or line concerned and what to do.
///
/// Every case is bad input; the command-line tool exits with 65.
public struct DiagnosticsError: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Code: Sendable, Equatable {
        /// Chains of one parameter have different lengths.
        case raggedChains
        /// A CSV file is not a table of draws (header, columns, numbers).
        case invalidCSV
        /// A CSV file has two rows with the same chain and draw.
        case duplicateDraw
        /// The input contains no parameter or no draw.
        case noDraws
        /// An MD trace lacks a variable or the time step is missing.
        case invalidThermo
        /// A training trace has curves of different lengths or no curve.
        case invalidTraining
    }

    public var code: Code
    /// File or source the draws came from.
    public var source: String
    /// Description of the problem and of the next step, in one or two sentences.
    public var detail: String

    public init(_ code: Code, source: String, detail: String) {
        self.code = code
        self.source = source
        self.detail = detail
    }

    public var description: String { "\(source): \(detail)" }
}
