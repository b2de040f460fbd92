/// Quoting of values placed into generated job scripts.
public enum ShellQuoting {
    /// Returns `value` as one bash word that expands to exactly `value`.
    ///
    /// The value goes inside single quotes, where bash gives no character a
    /// special meaning, and each `'` becomes `'\''` (close, escaped quote,
    /// reopen). Values of only letters, digits and `_ - . / : , = + @ %`
    /// stay unquoted for readability. Traps on a NUL character, which no
    /// bash word can contain: validate user input before quoting it.
    public static func bashWord(_ value: String) -> String {
        precondition(!value.contains("\0"), "ShellQuoting.bashWord: a bash word cannot contain NUL; validate the value first")
        if !value.isEmpty, value.unicodeScalars.allSatisfy(isPlain) {
            return value
        }
        return "'" + value.replacingAll("'", with: #"'\''"#) + "'"
    }

    /// Returns the value of an `#SBATCH --name=VALUE` line that sbatch reads
    /// back as exactly `value`.
    ///
    /// sbatch splits `#SBATCH` lines itself, not through a shell: double
    /// quotes group words, and a backslash makes the next character literal,
    /// inside quotes too (`_get_argument` in Slurm's `src/sbatch/opt.c`,
    /// checked with sbatch 22.05). So the value goes in double quotes with
    /// `\` and `"` escaped.
    /// - Throws: ``SlurmError`` with ``SlurmError/Code/invalidSetting`` for a
    ///   line break or NUL, which an `#SBATCH` line cannot contain.
    public static func sbatchValue(_ value: String, option: String) throws(SlurmError) -> String {
        guard !value.contains(where: { $0.isNewline || $0 == "\0" }) else {
            throw SlurmError(.invalidSetting, "invalid value for --\(option): \(value.debugDescription) contains a line break or NUL, which an #SBATCH line cannot carry")
        }
        if !value.isEmpty, value.unicodeScalars.allSatisfy(isPlain) {
            return value
        }
        return "\"" + value.replacingAll("\\", with: "\\\\").replacingAll("\"", with: "\\\"") + "\""
    }

    private static func isPlain(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9": true
        case "_", "-", ".", "/", ":", ",", "=", "+", "@", "%": true
        default: false
        }
    }
}

extension String {
    /// Replaces every occurrence of `target`, without Foundation.
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var result = ""
        result.reserveCapacity(count)
        for character in self {
            if character == target {
                result += replacement
            } else {
                result.append(character)
            }
        }
        return result
    }
}
