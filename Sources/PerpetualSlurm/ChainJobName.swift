/// The default Slurm job name of a chain, unique per checkpoint path.
///
/// `--dependency=singleton` lets one job per user and job name run at a
/// time. A name taken from the checkpoint's file name alone would make
/// unrelated chains with the same file name in different directories wait
/// for each other. So the name is `perpetual-<file stem>-<hash>`, where the
/// hash is 8 hexadecimal digits of the 64-bit FNV-1a hash of the absolute
/// checkpoint path's UTF-8 bytes. The hash is stable across processes and
/// machines, so every segment of a chain, and a script written again for
/// the same checkpoint, gets the same name.
///
/// NOTE: the path is not resolved through symbolic links, so two spellings
/// of one checkpoint give two names. The chain lock beside the checkpoint
/// still keeps their segments from running at once.
public enum ChainJobName {
    /// Returns the default job name of the chain whose checkpoint is
    /// `checkpointPath`, for example `perpetual-job-4da221cb` for `/scratch/run/job.h5`.
    ///
    /// Traps unless `checkpointPath` is absolute: resolve a relative path
    /// against the job's working directory first, or two chains in
    /// different directories get the same name.
    public static func forCheckpoint(_ checkpointPath: String) -> String {
        precondition(checkpointPath.hasPrefix("/"), "ChainJobName needs an absolute checkpoint path, got '\(checkpointPath)'; resolve it against the working directory first")
        return "perpetual-\(stem(of: checkpointPath))-\(hashDigits(of: checkpointPath))"
    }

    /// Returns the last path component without its final extension.
    static func stem(of path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? ""
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }

    /// Returns the low 32 bits of the FNV-1a hash of `text` as 8 lowercase
    /// hexadecimal digits.
    static func hashDigits(of text: String) -> String {
        let digits = String(fnv1a64(text) & 0xffff_ffff, radix: 16)
        return String(repeating: "0", count: 8 - digits.count) + digits
    }

    /// 64-bit FNV-1a (offset basis 0xcbf29ce484222325, prime 0x100000001b3)
    /// of the UTF-8 bytes of `text`.
    static func fnv1a64(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }
}
