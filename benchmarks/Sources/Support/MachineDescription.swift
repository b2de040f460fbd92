import Foundation

/// The facts about the machine that a reader needs to compare figures:
/// CPU, cores, caches, memory, kernel and the file system of the
/// checkpoint directory.
struct MachineDescription {
    var cpuModel: String
    var onlineCores: Int
    var caches: String
    var memoryGiB: Double
    var kernel: String
    var fileSystem: String
    var loadAverage: String

    /// Reads `/proc/cpuinfo`, `/sys/devices/system/cpu/cpu0/cache`, `uname`
    /// and `df` for `directory`. A fact that cannot be read is reported
    /// as `unknown` with the reason, because a missing fact must not stop
    /// the benchmarks.
    static func current(directory: String) -> MachineDescription {
        MachineDescription(
            cpuModel: cpuModel(),
            onlineCores: sysconf(Int32(_SC_NPROCESSORS_ONLN)),
            caches: cacheSizes(),
            memoryGiB: Double(ProcessInfo.processInfo.physicalMemory) / Double(1 << 30),
            kernel: kernelRelease(),
            fileSystem: fileSystem(of: directory),
            loadAverage: loadAverage()
        )
    }

    func render() -> String {
        [
            "- CPU: \(cpuModel), \(onlineCores) online cores",
            "- caches of cpu0: \(caches)",
            "- memory: \(String(format: "%.1f", memoryGiB)) GiB",
            "- kernel: \(kernel)",
            "- checkpoint directory file system: \(fileSystem)",
            "- load average (1, 5, 15 min) at start: \(loadAverage)",
        ].joined(separator: "\n") + "\n"
    }

    private static func cpuModel() -> String {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else {
            return "unknown (cannot read /proc/cpuinfo)"
        }
        for line in text.split(separator: "\n") where line.hasPrefix("model name") {
            if let colon = line.firstIndex(of: ":") {
                return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
        }
        return "unknown (no model name in /proc/cpuinfo)"
    }

    /// Cache levels of cpu0 as `L1d 32K, L1i 32K, L2 512K, L3 32768K`.
    private static func cacheSizes() -> String {
        let base = "/sys/devices/system/cpu/cpu0/cache"
        var parts: [String] = []
        for index in 0..<8 {
            let directory = "\(base)/index\(index)"
            guard let level = readTrimmed("\(directory)/level"), let type = readTrimmed("\(directory)/type"),
                  let size = readTrimmed("\(directory)/size") else { break }
            let suffix: String
            switch type {
            case "Data": suffix = "d"
            case "Instruction": suffix = "i"
            default: suffix = ""
            }
            parts.append("L\(level)\(suffix) \(size)")
        }
        return parts.isEmpty ? "unknown (cannot read \(base))" : parts.joined(separator: ", ")
    }

    private static func kernelRelease() -> String {
        var name = utsname()
        guard uname(&name) == 0 else { return "unknown (uname failed)" }
        let release = withUnsafeBytes(of: &name.release) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        let system = withUnsafeBytes(of: &name.sysname) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        return "\(system) \(release)"
    }

    /// File system type and device of `directory`, or of its nearest
    /// existing ancestor when it does not exist yet, from `df`.
    private static func fileSystem(of directory: String) -> String {
        var existing = directory
        while !FileManager.default.fileExists(atPath: existing) && existing != "/" && !existing.isEmpty {
            existing = (existing as NSString).deletingLastPathComponent
        }
        if existing.isEmpty { existing = "." }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["df", "--output=fstype,source,target", existing]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return "unknown (cannot run df: \(error))"
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n")
        guard process.terminationStatus == 0, lines.count >= 2 else {
            return "unknown (df exited with status \(process.terminationStatus))"
        }
        let fields = lines[1].split(separator: " ", omittingEmptySubsequences: true)
        guard fields.count >= 3 else { return String(lines[1]) }
        return "\(fields[0]) on \(fields[1]), mounted at \(fields[2])"
    }

    static func loadAverage() -> String {
        guard let text = readTrimmed("/proc/loadavg") else { return "unknown (cannot read /proc/loadavg)" }
        return text.split(separator: " ").prefix(3).joined(separator: ", ")
    }

    private static func readTrimmed(_ path: String) -> String? {
        (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
