import PerpetualCore

/// libFuzzer entry point: parses the input as a walltime string.
///
/// A parse either throws ``WalltimeFormatError`` or returns a limit that is
/// finite and positive; a limit within Slurm's range converts to minutes
/// without trapping. Any trap is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWalltime(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let limit = try? Walltime.parse(text) else { return 0 }
    if let seconds = limit.seconds {
        precondition(seconds.isFinite && seconds > 0, "Walltime.parse('\(text)') returned \(seconds) s")
        if seconds <= Double(Walltime.maxSlurmMinutes) * 60 {
            _ = Walltime.slurmMinutes(forSeconds: seconds)
        }
    }
    return 0
}
