import Foundation
import PerpetualCheckpoint

/// Path of the file each input is written to; one per fuzzing process.
let inputPath = FileManager.default.temporaryDirectory
    .appendingPathComponent("perpetual-fuzz-\(getpid())-job.h5").path

/// libFuzzer entry point: writes the input as a checkpoint file and loads it.
///
/// The reader must return a checkpoint or throw ``CheckpointError``; a trap,
/// a sanitizer report or another error type is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCheckpointReader(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Data(bytes: data, count: size)
    guard FileManager.default.createFile(atPath: inputPath, contents: bytes) else {
        fatalError("cannot write the fuzz input to \(inputPath)")
    }
    defer { unlink(inputPath) }
    do {
        _ = try CheckpointReader.loadNewestValid(path: inputPath)
    } catch is CheckpointError {
        // Rejected with the typed error: the expected outcome for most inputs.
    } catch {
        fatalError("CheckpointReader threw \(type(of: error)), not CheckpointError: \(error)")
    }
    return 0
}
