/// The built-in posteriors that ``MCMCConfiguration/model`` can name.
public enum MCMCModelCatalog {
    public static let eightSchools = "eight-schools"
    public static let logisticRegression = "logistic-regression"

    /// Every built-in model name, for help text and error messages.
    public static let names: [String] = [eightSchools, logisticRegression]

    /// Returns the model called `name`.
    /// - Throws: ``MCMCConfigurationError`` for an unknown name, and
    ///   ``MCMCDataError`` when the model's bundled data cannot be read.
    public static func model(named name: String) throws -> any LogDensityModel {
        switch name {
        case eightSchools:
            return EightSchoolsModel()
        case logisticRegression:
            return try LogisticRegressionModel.breastCancer()
        default:
            throw MCMCConfigurationError(field: "model", value: name, expected: "one of \(names.joined(separator: ", "))")
        }
    }
}
