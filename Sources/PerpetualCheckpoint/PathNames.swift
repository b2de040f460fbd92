/// String operations on POSIX paths.
///
/// NOTE: These replace `NSString.deletingLastPathComponent` and friends,
/// because swift-corelibs-foundation in Swift 6.3.1 traps on a
/// one-character path such as `x` (checked with a three-line program).
public enum PathNames {
    /// Returns the directory part of `path`: `run` for `run/job.h5`, `.` for
    /// `job.h5`, `/` for `/job.h5`. Trailing slashes are ignored.
    public static func directory(of path: String) -> String {
        let trimmed = trimmingTrailingSlashes(path)
        guard let slash = trimmed.lastIndex(of: "/") else { return "." }
        let parent = trimmingTrailingSlashes(String(trimmed[..<slash]))
        return parent.isEmpty ? "/" : parent
    }

    /// Returns the last component of `path`: `job.h5` for `run/job.h5`.
    public static func lastComponent(of path: String) -> String {
        let trimmed = trimmingTrailingSlashes(path)
        guard let slash = trimmed.lastIndex(of: "/") else { return trimmed }
        return String(trimmed[trimmed.index(after: slash)...])
    }

    /// Returns `name` inside `directory`, without doubling a slash; a name
    /// in `.` stays a bare name.
    public static func join(_ directory: String, _ name: String) -> String {
        if directory.isEmpty || directory == "." { return name }
        return directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    private static func trimmingTrailingSlashes(_ path: String) -> String {
        var text = Substring(path)
        while text.count > 1, text.last == "/" { text.removeLast() }
        return String(text)
    }
}
