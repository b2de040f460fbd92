import Foundation

/// The POSIX calls behind atomic commits. Each failure throws a
/// ``CheckpointError`` with the path and `errno`.
enum FileSystem {
    /// Returns whether anything exists at `path` (`lstat`), including a broken link.
    static func exists(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0
    }

    /// Returns whether `path` is a directory (`stat`).
    static func isDirectory(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR
    }

    /// Size of the file at `path` in bytes.
    static func size(_ path: String) throws -> Int {
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw CheckpointError.system(.ioFailure, path: path, detail: "cannot read the file size")
        }
        return Int(status.st_size)
    }

    /// Names in `directory`, without `.` and `..`; empty when the directory does not exist.
    static func contents(of directory: String) throws -> [String] {
        guard exists(directory) else { return [] }
        do {
            return try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw CheckpointError(.ioFailure, path: directory, detail: "cannot list the directory: \(error)")
        }
    }

    /// Flushes a file's data and metadata to the device (`open`, `fsync`, `close`).
    static func sync(file path: String) throws {
        try sync(path, flags: O_RDONLY, what: "file")
    }

    /// Flushes a directory's entries to the device, which makes renames,
    /// links and removals inside it durable.
    static func sync(directory path: String) throws {
        try sync(path, flags: O_RDONLY | O_DIRECTORY, what: "directory")
    }

    private static func sync(_ path: String, flags: Int32, what: String) throws {
        let descriptor = open(path, flags)
        guard descriptor >= 0 else {
            throw CheckpointError.system(.ioFailure, path: path, detail: "cannot open the \(what) to sync it")
        }
        if fsync(descriptor) != 0 {
            let error = CheckpointError.system(.ioFailure, path: path, detail: "fsync of the \(what) failed")
            _ = close(descriptor)  // The fsync failure is the error to report.
            throw error
        }
        guard close(descriptor) == 0 else {
            throw CheckpointError.system(.ioFailure, path: path, detail: "close after fsync of the \(what) failed")
        }
    }

    /// Renames `source` over `target` atomically (`rename`).
    static func rename(_ source: String, to target: String) throws {
        guard Foundation.rename(source, target) == 0 else {
            throw CheckpointError.system(.ioFailure, path: target, detail: "cannot rename \(source) to this path")
        }
    }

    /// Makes `target` a second name of `source` with `link`, or a copy when the
    /// file system has no hard links (`EXDEV`, `EPERM`, `ENOTSUP`). A file
    /// already at `target` is replaced.
    static func linkOrCopy(_ source: String, to target: String) throws {
        try remove(target)
        if link(source, target) == 0 { return }
        let linkError = errno
        guard [EXDEV, EPERM, ENOTSUP, EOPNOTSUPP].contains(linkError) else {
            throw CheckpointError(.ioFailure, path: target, detail: "cannot link \(source) to this path", errorNumber: linkError)
        }
        let temporary = CheckpointPaths.temporaryPath(for: target)
        do {
            try? FileManager.default.removeItem(atPath: temporary)
            try FileManager.default.copyItem(atPath: source, toPath: temporary)
            try sync(file: temporary)
            try rename(temporary, to: target)
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw CheckpointError.writing(error, path: target, what: "a copy of \(source)")
        }
    }

    /// Removes the file at `path` (`unlink`); nothing happens when none exists.
    static func remove(_ path: String) throws {
        if unlink(path) != 0 && errno != ENOENT {
            throw CheckpointError.system(.ioFailure, path: path, detail: "cannot remove the file")
        }
    }

    /// Removes an empty directory (`rmdir`); nothing happens when none exists.
    static func removeDirectory(_ path: String) throws {
        if rmdir(path) != 0 && errno != ENOENT {
            throw CheckpointError.system(.ioFailure, path: path, detail: "cannot remove the directory")
        }
    }

    /// Creates a directory (`mkdir`, mode 0755) unless it exists, and syncs its parent.
    static func makeDirectory(_ path: String) throws {
        if mkdir(path, 0o755) == 0 {
            let parent = PathNames.directory(of: path)
            try sync(directory: parent.isEmpty ? "." : parent)
            return
        }
        guard errno == EEXIST, isDirectory(path) else {
            throw CheckpointError.system(.notWritable, path: path, detail: "cannot create the directory")
        }
    }

    /// Writes a file through `write` at a temporary path beside `target`,
    /// closes it, syncs it, renames it over `target` and syncs the directory.
    /// `beforeRename` runs after the sync, while `target` still has its old
    /// content. On failure the temporary file is removed and `target` is
    /// unchanged. Returns the size of the committed file in bytes.
    /// `faultPoints` name the moments before and after the rename for
    /// ``CheckpointFaultInjection`` (tests only).
    @discardableResult
    static func writeAtomically(_ target: String, what: String, beforeRename: () throws -> Void = {},
                                faultPoints: (beforeRename: CheckpointFaultInjection.Point?, afterRename: CheckpointFaultInjection.Point?) = (nil, nil),
                                _ write: (String) throws -> Void) throws -> Int {
        let temporary = CheckpointPaths.temporaryPath(for: target)
        do {
            try remove(temporary)
            try write(temporary)
            try sync(file: temporary)
            let bytes = try size(temporary)
            try beforeRename()
            faultPoints.beforeRename.map(CheckpointFaultInjection.reached)
            try rename(temporary, to: target)
            faultPoints.afterRename.map(CheckpointFaultInjection.reached)
            let parent = PathNames.directory(of: target)
            try sync(directory: parent.isEmpty ? "." : parent)
            return bytes
        } catch {
            // Best effort: the error to report is the one that stopped the write.
            try? remove(temporary)
            throw CheckpointError.writing(error, path: target, what: what)
        }
    }
}
