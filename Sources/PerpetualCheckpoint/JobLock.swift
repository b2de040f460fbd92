import Foundation

/// An exclusive lock on one job's checkpoint files, held by the process that
/// runs the job, so that two segments of one job never run at once (a double
/// submission, a requeue racing its predecessor).
///
/// The lock is `flock(2)` on `.<stem>.lock` beside the checkpoint. The kernel
/// releases it when the process exits, also after SIGKILL, so a stale lock
/// file never blocks a later run.
///
/// NOTE: `flock` is local to a node on some parallel file systems (Lustre
/// mounted with `localflock`, NFS without lock support); there two nodes
/// could both hold the lock. Where the file system rejects `flock`
/// (ENOLCK, ENOSYS, EOPNOTSUPP), the lock is not taken and
/// ``unavailableReason`` says why, so that the caller can warn.
public final class JobLock {
    /// The lock file.
    public let path: String
    /// The reason no lock was taken, when the file system does not support `flock`.
    public private(set) var unavailableReason: String?
    private var descriptor: Int32 = -1

    /// Takes the lock for the job whose checkpoint is at `checkpointPath`.
    /// - Throws: ``CheckpointError`` with code `.locked` when another
    ///   process holds it, `.ioFailure` when the lock file cannot be opened.
    public init(checkpointPath: String) throws {
        let paths = CheckpointPaths(path: checkpointPath)
        path = PathNames.join(paths.directory, ".\(paths.stemName).lock")

        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            if errno == ENOENT || errno == ENOTDIR {
                throw CheckpointError.system(.notFound, path: paths.directory, detail: "the checkpoint directory does not exist or is not a directory; create it first")
            }
            throw CheckpointError.system(.notWritable, path: path, detail: "cannot create the job's lock file; choose a writable checkpoint directory")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let error = errno
            switch error {
            case EWOULDBLOCK:
                close(descriptor)
                descriptor = -1
                throw CheckpointError(.locked, path: checkpointPath,
                                      detail: "another process is running this job (it holds the lock \(path)); wait for it to finish, or stop it before starting another segment",
                                      errorNumber: error)
            case ENOLCK, ENOSYS, EOPNOTSUPP:
                unavailableReason = "the file system does not support flock on \(path) (\(String(cString: strerror(error)))); nothing prevents two segments of this job from running at once"
            default:
                close(descriptor)
                descriptor = -1
                throw CheckpointError(.ioFailure, path: path, detail: "cannot lock the job's lock file", errorNumber: error)
            }
            return
        }
    }

    deinit {
        if descriptor >= 0 {
            close(descriptor)
        }
    }
}
