import Foundation

/// The job-script templates in this folder, shipped as resources of the
/// `PerpetualJobscripts` target so that `simrun jobscript` finds them next
/// to the built binary.
public enum JobscriptTemplates {
    /// Returns the text of `chain-segment.sh`: one segment of a
    /// self-resubmitting job chain, with `@@DIRECTIVES@@` and `@@SETTINGS@@`
    /// lines for the generator to fill.
    /// - Throws: the file-reading error when the resource bundle is missing
    ///   or unreadable, for example after copying the binary without it.
    public static func chainSegment() throws -> String {
        guard let url = Bundle.module.url(forResource: "chain-segment", withExtension: "sh") else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "chain-segment.sh in \(Bundle.module.bundlePath)"])
        }
        return try String(contentsOf: url, encoding: .utf8)
    }
}
