/// A data file bundled with the module that cannot be read or parsed.
///
/// This points at a broken installation or a damaged resource, not at user
/// input: regenerate the file as `examples/data/README.md` describes and
/// rebuild.
public struct MCMCDataError: Error, CustomStringConvertible, Sendable, Equatable {
    /// Resource name, for example `breast_cancer.csv`.
    public var resource: String
    /// Description of the problem, with the line number where it applies.
    public var detail: String

    public init(resource: String, detail: String) {
        self.resource = resource
        self.detail = detail
    }

    public var description: String {
        "bundled data file '\(resource)' is unusable: \(detail); regenerate it as examples/data/README.md describes and rebuild"
    }
}
