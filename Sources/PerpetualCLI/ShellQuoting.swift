import Foundation

/// Returns `text` as one word for a POSIX shell: unchanged when it contains
/// only characters no shell treats specially, else in single quotes with
/// each `'` written as `'\''`.
func shellQuoted(_ text: String) -> String {
    let plain = text.unicodeScalars.allSatisfy { scalar in
        scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(Character(scalar)) || "@%+=:,./-_".unicodeScalars.contains(scalar))
    }
    if plain && !text.isEmpty { return text }
    return "'" + text.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
}
