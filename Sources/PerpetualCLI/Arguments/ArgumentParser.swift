/// Options and positional arguments of one command line, before any value
/// is interpreted.
public struct ParsedArguments: Sendable, Equatable {
    /// Option values by name, without dashes. Flags map to `"true"`.
    public var values: [String: String] = [:]
    public var positionals: [String] = []
    /// Arguments after a bare `--`, passed on untouched.
    public var passthrough: [String] = []

    public init() {}
}

/// A small table-driven parser for `--name VALUE`, `--name=VALUE` and
/// `--flag`. No outside package can be fetched for this project, so this
/// replaces swift-argument-parser.
public struct ArgumentParser: Sendable {
    public var command: String
    public var options: [OptionSpec]
    /// Largest number of positional arguments accepted.
    public var maxPositionals: Int

    public init(command: String, options: [OptionSpec], maxPositionals: Int = 0) {
        self.command = command
        self.options = options
        self.maxPositionals = maxPositionals
    }

    /// Splits `arguments` into option values and positionals.
    /// - Throws: ``UsageError`` for an unknown or repeated option, a missing
    ///   value, a value given to a flag, or too many positionals.
    public func parse(_ arguments: [String]) throws -> ParsedArguments {
        var parsed = ParsedArguments()
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1

            if argument == "--" {
                parsed.passthrough = Array(arguments[index...])
                break
            }
            guard argument.hasPrefix("--"), argument.count > 2 else {
                if argument.hasPrefix("-"), argument.count > 1, Double(argument) == nil {
                    throw UsageError("unknown option '\(argument)' for '\(displayName)'; options start with two dashes, see '\(helpCommand)'", command: command)
                }
                parsed.positionals.append(argument)
                continue
            }

            // Split `--name=value` and look the name up.
            let body = argument.dropFirst(2)
            let name: String
            var inlineValue: String?
            if let equals = body.firstIndex(of: "=") {
                name = String(body[..<equals])
                inlineValue = String(body[body.index(after: equals)...])
            } else {
                name = String(body)
            }
            guard let spec = options.first(where: { $0.name == name }) else {
                throw UsageError(unknownOptionMessage(name), command: command)
            }
            if parsed.values[name] != nil {
                throw UsageError("option '--\(name)' is given more than once; give it once", command: command)
            }

            // Take the value from `=value`, or from the next argument.
            if spec.isFlag {
                if let inlineValue {
                    throw UsageError("option '--\(name)' takes no value, but '\(inlineValue)' was given", command: command)
                }
                parsed.values[name] = "true"
            } else if let inlineValue {
                parsed.values[name] = inlineValue
            } else if index < arguments.count, !isOption(arguments[index]) {
                parsed.values[name] = arguments[index]
                index += 1
            } else {
                throw UsageError("option '--\(name)' needs a value (\(spec.valueName ?? "VALUE"))", command: command)
            }
        }

        if parsed.positionals.count > maxPositionals {
            let extra = parsed.positionals[maxPositionals...].map { "'\($0)'" }.joined(separator: ", ")
            throw UsageError("unexpected argument \(extra) for '\(displayName)'", command: command)
        }
        return parsed
    }

    /// The command as a user types it, for messages.
    var displayName: String { "\(ProgramName.current) " + (command == "resume" ? "--resume" : command) }

    var helpCommand: String { "\(ProgramName.current) " + (command == "resume" ? "--resume PATH --help" : "\(command) --help") }

    private func isOption(_ argument: String) -> Bool {
        argument.hasPrefix("--") && argument.count > 2
    }

    private func unknownOptionMessage(_ name: String) -> String {
        var message = "unknown option '--\(name)' for '\(displayName)'"
        let candidates = options.map(\.name)
        if let suggestion = closestMatch(to: name, among: candidates) {
            message += "; did you mean '--\(suggestion)'?"
        } else {
            message += "; see '\(helpCommand)'"
        }
        return message
    }
}

/// Returns the candidate within edit distance 2 of `word`, preferring the
/// closest, or `nil` when none is that close.
func closestMatch(to word: String, among candidates: [String]) -> String? {
    let scored = candidates.map { ($0, editDistance(word, $0)) }.filter { $0.1 <= 2 }
    return scored.min { $0.1 < $1.1 }?.0
}

/// Levenshtein distance between two strings, by characters.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
            current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
        }
        swap(&previous, &current)
    }
    return previous[b.count]
}
