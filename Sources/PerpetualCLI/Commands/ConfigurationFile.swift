import Foundation

/// Reads a JSON configuration file of option values: one object whose keys
/// are option names without dashes and whose values are strings, numbers or
/// booleans.
enum ConfigurationFile {
    /// Returns the file's values as strings, as if typed on the command line.
    /// - Throws: ``UsageError`` when the file is missing, not JSON, not an
    ///   object, contains a nested value, or names an unknown option.
    static func read(path: String, knownOptions: Set<String>) throws -> [String: String] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw UsageError("configuration file '\(path)' could not be read: check that it exists and is readable", command: "run")
        }
        let object: [String: ScalarValue]
        do {
            object = try JSONDecoder().decode([String: ScalarValue].self, from: data)
        } catch DecodingError.typeMismatch(_, let context) where !context.codingPath.isEmpty {
            let key = context.codingPath[0].stringValue
            throw UsageError("configuration file '\(path)': key '\(key)' must be a string, number or boolean", command: "run")
        } catch DecodingError.valueNotFound(_, let context) where !context.codingPath.isEmpty {
            let key = context.codingPath[0].stringValue
            throw UsageError("configuration file '\(path)': key '\(key)' is null; give a value or remove the key", command: "run")
        } catch DecodingError.typeMismatch {
            throw UsageError("configuration file '\(path)' must hold one JSON object of option names and values", command: "run")
        } catch {
            throw UsageError("configuration file '\(path)' is not valid JSON: \(error)", command: "run")
        }

        var values: [String: String] = [:]
        for (key, value) in object {
            guard knownOptions.contains(key) else {
                var message = "configuration file '\(path)' has unknown key '\(key)'"
                if let suggestion = closestMatch(to: key, among: Array(knownOptions)) {
                    message += "; did you mean '\(suggestion)'?"
                }
                throw UsageError(message, command: "run")
            }
            values[key] = value.text
        }
        return values
    }

    /// A JSON string, number or boolean, kept as the text a user would type.
    private struct ScalarValue: Decodable {
        var text: String

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let flag = try? container.decode(Bool.self) {
                text = flag ? "true" : "false"
            } else if let integer = try? container.decode(Int64.self) {
                text = String(integer)
            } else if let unsigned = try? container.decode(UInt64.self) {
                text = String(unsigned)
            } else if let number = try? container.decode(Double.self) {
                text = String(number)
            } else {
                text = try container.decode(String.self)
            }
        }
    }

    /// Encodes resolved values as the canonical JSON stored in checkpoints:
    /// sorted keys, string values. The same text is a valid `--config` file.
    static func encode(_ values: [String: String]) -> String {
        let data = try! JSONSerialization.data(withJSONObject: values, options: [.sortedKeys, .prettyPrinted])
        return String(decoding: data, as: UTF8.self)
    }

    /// Decodes JSON written by ``encode(_:)``.
    static func decode(_ text: String) -> [String: String]? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) else { return nil }
        return object as? [String: String]
    }
}
