/// A benchmark that could not run or whose results failed a sanity check.
/// The message names what failed, the value, and what to do.
struct BenchmarkError: Error, CustomStringConvertible {
    let message: String

    init(_ message: String) {
        self.message = message
    }

    var description: String { message }
}
