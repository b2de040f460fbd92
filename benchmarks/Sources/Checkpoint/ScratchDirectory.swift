import Foundation

/// A directory of the checkpoint benchmark's files, created inside the
/// directory the user chose and removed with everything in it by
/// ``remove()``.
struct ScratchDirectory {
    let path: String

    /// Creates `<parent>/perpetual-bench-<pid>`, and `parent` with its
    /// missing ancestors.
    /// - Throws: ``BenchmarkError`` when a directory cannot be created or
    ///   the file system has less than `requiredBytes` free.
    static func create(in parent: String, requiredBytes: Int) throws -> ScratchDirectory {
        let path = (parent as NSString).appendingPathComponent("perpetual-bench-\(getpid())")
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw BenchmarkError("cannot create the benchmark directory \(path): \(error). Choose another with --directory.")
        }
        let directory = ScratchDirectory(path: path)

        var status = statvfs()
        guard statvfs(path, &status) == 0 else {
            directory.remove()
            throw BenchmarkError("statvfs(\(path)) failed with errno \(errno)")
        }
        let freeBytes = Int(status.f_bavail) * Int(status.f_frsize)
        guard freeBytes >= requiredBytes else {
            directory.remove()
            throw BenchmarkError("\(path) has \(freeBytes >> 20) MiB free, the checkpoint benchmark needs \(requiredBytes >> 20) MiB. Free space, lower --state-mib or choose another --directory.")
        }
        return directory
    }

    func file(_ name: String) -> String {
        (path as NSString).appendingPathComponent(name)
    }

    /// Removes a file or directory inside this one; nothing happens when it
    /// does not exist.
    func removeItem(_ name: String) throws {
        let target = file(name)
        guard FileManager.default.fileExists(atPath: target) else { return }
        do {
            try FileManager.default.removeItem(atPath: target)
        } catch {
            throw BenchmarkError("cannot remove \(target): \(error)")
        }
    }

    /// Removes the directory and everything in it. Best effort: it runs on
    /// the way out, also after a failure that is the error to report.
    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Writes the raw bytes of `fields` one after another to `name` and
    /// fsyncs the file, so that its pages are clean in the page cache
    /// before anything is timed.
    func writeRaw(_ fields: [[Double]], to name: String) throws {
        let target = file(name)
        let descriptor = open(target, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else {
            throw BenchmarkError("cannot create \(target): errno \(errno)")
        }
        defer { close(descriptor) }
        for field in fields {
            try field.withUnsafeBytes { bytes in
                var offset = 0
                while offset < bytes.count {
                    let written = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                    guard written > 0 else {
                        throw BenchmarkError("write to \(target) failed: errno \(errno)")
                    }
                    offset += written
                }
            }
        }
        guard fsync(descriptor) == 0 else {
            throw BenchmarkError("fsync of \(target) failed: errno \(errno)")
        }
    }

    /// Size of the file `name` in bytes.
    func size(of name: String) throws -> Int {
        let target = file(name)
        var status = stat()
        guard stat(target, &status) == 0 else {
            throw BenchmarkError("cannot stat \(target): errno \(errno)")
        }
        return Int(status.st_size)
    }
}
