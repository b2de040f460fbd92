extension Walltime {
    /// Parses a walltime written as Slurm's `--time` option takes it, or as a
    /// number with a unit.
    ///
    /// Accepted forms, with spaces around the value ignored:
    /// - Slurm forms of decimal fields: `MM`, `MM:SS`, `HH:MM:SS`, `D-HH`,
    ///   `D-HH:MM`, `D-HH:MM:SS`. A bare number is minutes, as in Slurm. The
    ///   first field may be any size, so `90` is 90 minutes and `36:00:00` is
    ///   36 hours. Later fields must be in range: hours 0–23 after a day
    ///   count, minutes and seconds 0–59.
    /// - `UNLIMITED` or `INFINITE` in any letter case: no limit.
    /// - A decimal number and a unit `s`, `m`, `h` or `d`: `90s`, `15m`,
    ///   `1.5h`, `1d`.
    ///
    /// Two deliberate differences from Slurm's own parser (`time_str2secs` in
    /// `src/common/parse_time.c`): Slurm adds fields without range checks, so
    /// it reads `1:75:00` as 2 h 15 min, and it reads `0` and `-1` as no limit.
    /// This parser rejects all three, so that a typo never becomes a different
    /// or unlimited run; write `UNLIMITED` to ask for no limit.
    ///
    /// - Throws: ``WalltimeFormatError`` quoting `text` when it is empty,
    ///   negative, zero, out of range or in no accepted form.
    public static func parse(_ text: String) throws(WalltimeFormatError) -> Walltime {
        let value = trimmingWhitespace(text)
        guard !value.isEmpty else {
            throw WalltimeFormatError(input: text, reason: "the value is empty")
        }

        let upper = value.uppercased()
        if upper == "UNLIMITED" || upper == "INFINITE" {
            return .unlimited
        }

        guard let first = value.first, first.isASCII, first.isNumber else {
            let reason = value.hasPrefix("-")
                ? "negative durations are not allowed"
                : "a walltime starts with a digit or is UNLIMITED or INFINITE"
            throw WalltimeFormatError(input: text, reason: reason)
        }

        let seconds: Double
        if let last = value.last, last.isLetter {
            seconds = try parseUnitForm(value, input: text)
        } else {
            seconds = Double(try parseSlurmForm(value, input: text))
        }

        guard seconds > 0 else {
            throw WalltimeFormatError(input: text, reason: "a zero limit is not allowed (Slurm reads 0 as no limit: write UNLIMITED for that)")
        }
        return .limited(seconds: seconds)
    }

    // MARK: - Unit forms

    private static let secondsPerUnit: [Character: Double] = ["s": 1, "m": 60, "h": 3_600, "d": 86_400]

    /// Parses `<decimal number><unit>`, for example `1.5h`.
    private static func parseUnitForm(_ value: Substring, input: String) throws(WalltimeFormatError) -> Double {
        let unit = value.last!
        guard let multiplier = secondsPerUnit[unit] else {
            throw WalltimeFormatError(input: input, reason: "unknown unit '\(unit)' (use s, m, h or d)")
        }

        let number = value.dropLast()
        guard isDecimalNumber(number), let amount = Double(String(number)) else {
            throw WalltimeFormatError(input: input, reason: "'\(number)' is not a decimal number such as 90 or 1.5")
        }
        let seconds = amount * multiplier
        guard seconds.isFinite else {
            throw WalltimeFormatError(input: input, reason: "the duration is too large")
        }
        return seconds
    }

    /// Whether `text` is digits with at most one decimal point that has
    /// digits on both sides. The check keeps exponents, signs, `inf` and `nan`
    /// away from `Double(_:)`.
    private static func isDecimalNumber(_ text: Substring) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 1 || parts.count == 2 else { return false }
        return parts.allSatisfy { isDigits($0) }
    }

    // MARK: - Slurm forms

    /// Parses `MM`, `MM:SS`, `HH:MM:SS` or a `D-…` form into whole seconds.
    private static func parseSlurmForm(_ value: Substring, input: String) throws(WalltimeFormatError) -> Int {
        let dashParts = value.split(separator: "-", omittingEmptySubsequences: false)
        switch dashParts.count {
        case 1:
            return try parseClockForm(value, input: input)
        case 2:
            return try parseDayForm(days: dashParts[0], clock: dashParts[1], input: input)
        default:
            throw WalltimeFormatError(input: input, reason: "only one '-' is allowed, after the day count")
        }
    }

    /// Parses `MM`, `MM:SS` or `HH:MM:SS`.
    private static func parseClockForm(_ value: Substring, input: String) throws(WalltimeFormatError) -> Int {
        let fields = value.split(separator: ":", omittingEmptySubsequences: false)
        switch fields.count {
        case 1:
            let minutes = try field(fields[0], named: "minutes", input: input)
            return minutes * 60
        case 2:
            let minutes = try field(fields[0], named: "minutes", input: input)
            let seconds = try field(fields[1], named: "seconds", below: 60, input: input)
            return minutes * 60 + seconds
        case 3:
            let hours = try field(fields[0], named: "hours", input: input)
            let minutes = try field(fields[1], named: "minutes", below: 60, input: input)
            let seconds = try field(fields[2], named: "seconds", below: 60, input: input)
            return hours * 3_600 + minutes * 60 + seconds
        default:
            throw WalltimeFormatError(input: input, reason: "too many ':' fields (at most HH:MM:SS)")
        }
    }

    /// Parses `D-HH`, `D-HH:MM` or `D-HH:MM:SS`.
    private static func parseDayForm(days daysText: Substring, clock: Substring, input: String) throws(WalltimeFormatError) -> Int {
        let days = try field(daysText, named: "days", input: input)
        let fields = clock.split(separator: ":", omittingEmptySubsequences: false)
        guard fields.count <= 3 else {
            throw WalltimeFormatError(input: input, reason: "too many ':' fields after the day count (at most D-HH:MM:SS)")
        }

        let hours = try field(fields[0], named: "hours", below: 24, input: input)
        let minutes = fields.count > 1 ? try field(fields[1], named: "minutes", below: 60, input: input) : 0
        let seconds = fields.count > 2 ? try field(fields[2], named: "seconds", below: 60, input: input) : 0
        return days * 86_400 + hours * 3_600 + minutes * 60 + seconds
    }

    /// Maximum digits in one field. Nine digits keep every sum far from `Int`
    /// overflow, because 999,999,999 days is about 8.6e13 s.
    private static let maxFieldDigits = 9

    /// Parses one field of decimal digits, checking it is below `bound` when
    /// one is given.
    private static func field(_ text: Substring, named name: String, below bound: Int? = nil,
                              input: String) throws(WalltimeFormatError) -> Int {
        guard !text.isEmpty else {
            throw WalltimeFormatError(input: input, reason: "the \(name) field is empty")
        }
        guard isDigits(text), text.count <= maxFieldDigits, let number = Int(text) else {
            throw WalltimeFormatError(input: input, reason: "the \(name) field '\(text)' is not a whole number of at most \(maxFieldDigits) digits")
        }
        if let bound, number >= bound {
            throw WalltimeFormatError(input: input, reason: "\(name) must be 0–\(bound - 1), got \(number)")
        }
        return number
    }

    // MARK: - Characters

    private static func isDigits(_ text: Substring) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    private static func trimmingWhitespace(_ text: String) -> Substring {
        let start = text.firstIndex { !$0.isWhitespace } ?? text.endIndex
        let end = text.lastIndex { !$0.isWhitespace }.map { text.index(after: $0) } ?? start
        return text[start..<end]
    }
}
