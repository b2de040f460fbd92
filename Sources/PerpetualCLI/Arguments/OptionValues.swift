/// Resolved option values by name, with typed accessors whose errors quote
/// the option and the value. A ``KernelEntry`` builds its kernel from them.
///
/// Every accessor throws ``UsageError`` (exit code 64) naming the option and
/// the value when the value is missing or invalid.
public struct OptionValues: Sendable, Equatable {
    /// Values by option name without dashes, as the user typed them.
    public var values: [String: String]

    public init(_ values: [String: String]) {
        self.values = values
    }

    /// The value as typed, or `nil` when the option is not set and has no default.
    public subscript(name: String) -> String? { values[name] }

    /// Returns the value of a required option.
    public func required(_ name: String) throws -> String {
        guard let value = values[name], !value.isEmpty else {
            throw UsageError("missing required option --\(name)", command: "run")
        }
        return value
    }

    /// Returns an integer option checked against `range`.
    public func integer(_ name: String, in range: ClosedRange<Int>) throws -> Int {
        let text = try required(name)
        guard let value = Int(text.trimmingSpaces()) else {
            throw UsageError("invalid value '\(text)' for --\(name): expected an integer in \(range.lowerBound)...\(range.upperBound)", command: "run")
        }
        guard range.contains(value) else {
            throw UsageError("value \(value) for --\(name) is out of range: expected \(range.lowerBound)...\(range.upperBound)", command: "run")
        }
        return value
    }

    /// Returns an integer option, or `nil` when it is not set.
    public func optionalInteger(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
        values[name] == nil ? nil : try integer(name, in: range)
    }

    /// Returns an unsigned 64-bit option, for seeds.
    public func unsigned64(_ name: String) throws -> UInt64 {
        let text = try required(name)
        guard let value = UInt64(text.trimmingSpaces()) else {
            throw UsageError("invalid value '\(text)' for --\(name): expected an integer in 0...\(UInt64.max)", command: "run")
        }
        return value
    }

    /// Returns a floating-point option that `isValid` accepts; `expectation`
    /// describes the valid values in the error message.
    public func double(_ name: String, expectation: String, isValid: (Double) -> Bool) throws -> Double {
        let text = try required(name)
        guard let value = Double(text.trimmingSpaces()), value.isFinite, isValid(value) else {
            throw UsageError("invalid value '\(text)' for --\(name): expected \(expectation)", command: "run")
        }
        return value
    }

    /// Returns an option that must be one of `choices`.
    public func choice(_ name: String, among choices: [String]) throws -> String {
        let text = try required(name)
        guard choices.contains(text) else {
            var message = "invalid value '\(text)' for --\(name): expected one of \(choices.joined(separator: ", "))"
            if let suggestion = closestMatch(to: text, among: choices) {
                message += " (did you mean '\(suggestion)'?)"
            }
            throw UsageError(message, command: "run")
        }
        return text
    }
}

extension String {
    func trimmingSpaces() -> String {
        var text = Substring(self)
        while text.first == " " { text.removeFirst() }
        while text.last == " " { text.removeLast() }
        return String(text)
    }
}
