#if canImport(Glibc)
import Glibc
private let systemRead = Glibc.read
#elseif canImport(Darwin)
import Darwin
private let systemRead = Darwin.read
#endif

/// Reads small text files of the kernel's pseudo file systems (`/proc`,
/// `/sys/fs/cgroup`) without Foundation.
enum SystemFile {
    /// Largest file read: `memory.stat` of cgroup v1 is about 1.5 KiB, and
    /// `/proc/self/status` about 1.5 KiB.
    static let maximumBytes = 64 * 1024

    /// Returns the contents of `path` as UTF-8 text, or `nil` when it cannot
    /// be opened or read (missing controller, no permission).
    static func read(_ path: String) -> String? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }

        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while bytes.count < maximumBytes {
            let count = buffer.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if count == 0 { break }
            bytes.append(contentsOf: buffer[0..<count])
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Returns whether `path` names an existing directory.
    static func isDirectory(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR
    }

    /// Returns the first line of `path` as a decimal integer, or `nil`.
    static func readInteger(_ path: String) -> Int? {
        guard let text = read(path) else { return nil }
        return Int(text.split(separator: "\n").first?.trimmingSpaces() ?? "")
    }

    /// Returns the value of `key` in a file of `key value` lines, such as
    /// `memory.stat` or `memory.events`, or `nil`.
    static func keyedValue(_ key: String, in text: String) -> Int? {
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            if fields.count == 2, fields[0] == key {
                return Int(fields[1])
            }
        }
        return nil
    }
}
