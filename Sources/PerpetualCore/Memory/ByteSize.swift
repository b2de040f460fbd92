/// A size in bytes written with a unit, as in `256MiB`, `1GiB`, `500MB` or
/// Slurm's `4G`.
public enum ByteSize {
    /// Bytes per unit. Units ending in `iB` and Slurm's one-letter suffixes
    /// `K`, `M`, `G`, `T` (as in `--mem=4G`) are powers of 1024; `kB`/`KB`,
    /// `MB`, `GB`, `TB` are powers of 1000 (SI). Letter case matters only in
    /// that `b` is rejected as ambiguous (bits or bytes).
    static let multipliers: [String: Double] = [
        "B": 1,
        "KIB": 1024, "MIB": 1_048_576, "GIB": 1_073_741_824, "TIB": 1_099_511_627_776,
        "K": 1024, "M": 1_048_576, "G": 1_073_741_824, "T": 1_099_511_627_776,
        "KB": 1e3, "MB": 1e6, "GB": 1e9, "TB": 1e12,
    ]

    /// Accepted forms, as listed in every error message.
    public static let acceptedForms = "a number with a unit: B, KiB, MiB, GiB, TiB (powers of 1024), KB, MB, GB, TB (powers of 1000), or Slurm's K, M, G, T (powers of 1024), for example 256MiB, 1GiB, 500MB, 4G"

    /// Parses a positive size such as `256MiB` or `1.5GiB` into bytes,
    /// rounded down to a whole byte.
    ///
    /// A bare number is rejected rather than read as bytes or as Slurm's
    /// default megabytes, because the two readings differ by a factor of a
    /// million.
    /// - Throws: ``ByteSizeFormatError`` quoting `text` when it is empty,
    ///   lacks a unit, has an unknown unit, or is not a positive size below 2^63 bytes.
    public static func parse(_ text: String) throws(ByteSizeFormatError) -> Int {
        let value = text.trimmingSpaces()
        guard !value.isEmpty else {
            throw ByteSizeFormatError(input: text, reason: "the value is empty")
        }

        // Split into the number and the unit letters that follow it.
        let unitStart = value.firstIndex { $0.isLetter } ?? value.endIndex
        let number = value[..<unitStart].trimmingSpaces()
        let unit = value[unitStart...].trimmingSpaces()
        guard !unit.isEmpty else {
            throw ByteSizeFormatError(input: text, reason: "the unit is missing")
        }
        guard !unit.hasSuffix("b") else {
            throw ByteSizeFormatError(input: text, reason: "unit '\(unit)' ends in a lower-case b, which could mean bits; write B for bytes")
        }
        guard let multiplier = multipliers[unit.uppercased()] else {
            throw ByteSizeFormatError(input: text, reason: "unknown unit '\(unit)'")
        }
        guard let amount = Double(number), amount.isFinite else {
            throw ByteSizeFormatError(input: text, reason: "'\(number)' is not a number")
        }

        let bytes = (amount * multiplier).rounded(.down)
        guard bytes >= 1 else {
            throw ByteSizeFormatError(input: text, reason: "the size must be at least 1 byte")
        }
        guard bytes < 0x1p63 else {
            throw ByteSizeFormatError(input: text, reason: "the size is too large")
        }
        return Int(bytes)
    }

    /// Formats `bytes` with the largest binary unit that keeps the value at
    /// least 1, with one decimal, for example `1.5 GiB`; below 1 KiB in bytes.
    public static func format(_ bytes: Int) -> String {
        let units = ["KiB", "MiB", "GiB", "TiB"]
        guard bytes.magnitude >= 1024 else { return "\(bytes) B" }
        var value = Double(bytes) / 1024
        var unit = 0
        while value.magnitude >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        let tenths = (value * 10).rounded()
        let whole = Int(tenths) / 10
        let fraction = abs(Int(tenths)) % 10
        return "\(whole).\(fraction) \(units[unit])"
    }
}

/// A size string that ``ByteSize/parse(_:)`` cannot read.
///
/// It is bad user input: the command-line tool reports it with exit code 64.
public struct ByteSizeFormatError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The string as given, before trimming.
    public var input: String
    /// The problem found, for example `unknown unit 'XB'`.
    public var reason: String

    public init(input: String, reason: String) {
        self.input = input
        self.reason = reason
    }

    public var description: String {
        "invalid size '\(input)': \(reason). Expected \(ByteSize.acceptedForms)"
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    func trimmingSpaces() -> String {
        var text = Substring(self)
        while let first = text.first, first == " " || first == "\t" { text.removeFirst() }
        while let last = text.last, last == " " || last == "\t" { text.removeLast() }
        return String(text)
    }
}
