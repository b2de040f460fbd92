import Foundation
import Testing

/// A memory cgroup (v1) made for one test under /sys/fs/cgroup/memory,
/// with a limit. ``remove()`` deletes it after the processes in it have
/// ended.
struct MemoryCgroup {
    static let hierarchy = "/sys/fs/cgroup/memory"

    /// Whether this process can create a child cgroup with a memory limit:
    /// it runs as root and the v1 memory hierarchy is mounted writable.
    static let canCreate: Bool = {
        guard geteuid() == 0 else { return false }
        let probe = "\(hierarchy)/perpetual-probe-\(UUID().uuidString)"
        guard mkdir(probe, 0o755) == 0 else { return false }
        defer { rmdir(probe) }
        return FileManager.default.isWritableFile(atPath: "\(probe)/memory.limit_in_bytes")
    }()

    let path: String

    /// Creates the cgroup and sets `memory.limit_in_bytes`.
    init(limitBytes: Int) throws {
        path = "\(Self.hierarchy)/perpetual-test-\(UUID().uuidString)"
        guard mkdir(path, 0o755) == 0 else {
            throw CgroupError("mkdir \(path) failed: \(String(cString: strerror(errno)))")
        }
        try write(String(limitBytes), to: "memory.limit_in_bytes")
    }

    func write(_ value: String, to file: String) throws {
        try value.write(toFile: "\(path)/\(file)", atomically: false, encoding: .utf8)
    }

    func integer(_ file: String) -> Int? {
        (try? String(contentsOfFile: "\(path)/\(file)", encoding: .utf8)).flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    /// Removes the cgroup, retrying for up to a second while the kernel
    /// finishes detaching an ended process.
    func remove() {
        for _ in 0..<10 {
            if rmdir(path) == 0 || errno == ENOENT { return }
            usleep(100_000)
        }
        Issue.record("could not remove the cgroup \(path): \(String(cString: strerror(errno)))")
    }

    /// Runs `executable` with `arguments` in `directory` inside this cgroup
    /// (a shell writes its own pid to `cgroup.procs`, then execs it).
    func run(_ executable: String, _ arguments: [String], in directory: URL) throws -> ProcessResult {
        try runProcess("/bin/sh", ["-c", "echo $$ > \"$1\" && shift && exec \"$@\"", "sh", "\(path)/cgroup.procs", executable] + arguments,
                       in: directory)
    }

    /// Out-of-memory kills in this cgroup: `oom_kill` of `memory.oom_control`
    /// (Linux 4.13 and later), or `nil` when the line is missing.
    var oomKills: Int? {
        let text = (try? String(contentsOfFile: "\(path)/memory.oom_control", encoding: .utf8)) ?? ""
        for line in text.split(separator: "\n") where line.hasPrefix("oom_kill ") {
            return Int(line.dropFirst("oom_kill ".count))
        }
        return nil
    }

    struct CgroupError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}

/// Exit status and standard error of a finished process.
struct ProcessResult {
    var status: Int32
    var log: String
}

/// Runs `executable` with `arguments` in `directory` and waits for it.
func runProcess(_ executable: String, _ arguments: [String], in directory: URL) throws -> ProcessResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.currentDirectoryURL = directory
    let pipe = Pipe()
    process.standardError = pipe
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return ProcessResult(status: process.terminationStatus, log: String(decoding: data, as: UTF8.self))
}
