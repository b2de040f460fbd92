import Foundation
import PerpetualCheckpoint
import PerpetualCore

/// Checkpoint write bandwidth: a kernel state committed through
/// ``CheckpointStore/commit(_:)`` (HDF5 write with xxh64 checksums, `fsync`,
/// rename, `fsync` of the directory) against `dd conv=fsync` copying the
/// same bytes into the same directory.
///
/// Bandwidth is the state's array bytes over the seconds of the write, for
/// both, so the HDF5 file's few KiB of metadata count as overhead of
/// Perpetual. `dd` reads its source from the page cache: the source file
/// is written and fsynced before the first measurement and stays cached.
struct CheckpointBandwidthBenchmark {
    static let fieldCount = 4
    static let seed: UInt64 = 20_240_601

    let options: BenchmarkOptions

    func run() throws -> ResultTable {
        let stateBytes = options.stateMiB << 20
        // The source, one dd copy and one checkpoint exist at the same
        // time; a quarter more covers HDF5 metadata and file system slack.
        let scratch = try ScratchDirectory.create(in: options.directory, requiredBytes: stateBytes * 3 + stateBytes / 4)
        defer { scratch.remove() }

        let kernel = BulkStateKernel(fieldCount: Self.fieldCount,
                                     valuesPerField: stateBytes / Self.fieldCount / MemoryLayout<Double>.size,
                                     seed: Self.seed)
        try scratch.writeRaw(kernel.fields, to: "source.raw")
        let snapshot = Snapshot(kernelName: kernel.kernelName, step: kernel.completedSteps, totalSteps: kernel.totalSteps,
                                state: kernel.captureState(), traceSchema: kernel.traceSchema,
                                pendingTrace: TraceBlock(firstRow: 0, rowLength: 0), accounting: RunAccounting())
        let gibibytes = Double(kernel.byteCount) / Double(1 << 30)

        var checkpointFileBytes = 0
        let dd = DDCopy(source: scratch.file("source.raw"))
        let pairs = try alternate(repetitions: options.repetitions, baseline: {
            gibibytes / (try copyWithDD(dd, scratch: scratch, expectedBytes: kernel.byteCount))
        }, subject: {
            let (seconds, fileBytes) = try commit(snapshot, scratch: scratch)
            checkpointFileBytes = fileBytes
            return gibibytes / seconds
        })

        var table = ResultTable(title: "Checkpoint write bandwidth: \(String(format: "%.3f", gibibytes)) GiB of float64 state, \(options.repetitions) repetitions, dd and commit alternating")
        table.add("dd bs=\(DDCopy.blockSize) conv=fsync (baseline)", pairs.baseline, unit: "GiB/s")
        table.add("CheckpointStore.commit", pairs.subject, unit: "GiB/s")
        table.add("ratio commit / dd, per pair", Summary.pairwise(pairs.subject, pairs.baseline, /), unit: "×")
        try addStateCosts(of: kernel, gibibytes: gibibytes, to: &table)
        table.note("state: \(Self.fieldCount) float64 datasets of uniform random values, \(kernel.byteCount) bytes; checkpoint file \(checkpointFileBytes) bytes")
        table.note("dd reads its source from the page cache (written and fsynced before the first measurement); its time includes starting the process")
        table.note("commit time: from the call to its return, including the xxh64 checksums, the HDF5 write, fsync, rename and the directory fsync")
        table.note("sync(2) runs before every timed write so that earlier dirty pages are not charged to it")
        return table
    }

    /// Copies the source with dd into a new file, checks its size and
    /// removes it; returns the seconds of the copy.
    private func copyWithDD(_ dd: DDCopy, scratch: ScratchDirectory, expectedBytes: Int) throws -> Double {
        let name = "dd.raw"
        sync()
        let seconds = try dd.copy(to: scratch.file(name))
        let copied = try scratch.size(of: name)
        guard copied == expectedBytes else {
            throw BenchmarkError("dd wrote \(copied) bytes to \(scratch.file(name)), expected \(expectedBytes)")
        }
        try scratch.removeItem(name)
        return seconds
    }

    /// Commits `snapshot` into a fresh store, removes the files and returns
    /// the seconds of the commit and the checkpoint file's size.
    private func commit(_ snapshot: Snapshot, scratch: ScratchDirectory) throws -> (seconds: Double, fileBytes: Int) {
        let name = "checkpoint"
        try FileManager.default.createDirectory(atPath: scratch.file(name), withIntermediateDirectories: false)
        let store = try CheckpointStore(path: scratch.file("\(name)/ckpt.h5"), keepGenerations: 1,
                                        configuration: "{}", producer: "perpetual-bench")
        try store.prepareFreshRun()

        sync()
        let (receipt, seconds) = try Stopwatch.time { try store.commit(snapshot) }
        guard receipt.bytes >= snapshot.state.arrayByteCount else {
            throw BenchmarkError("the commit reported \(receipt.bytes) bytes, fewer than the state's \(snapshot.state.arrayByteCount)")
        }
        try scratch.removeItem(name)
        return (seconds, receipt.bytes)
    }

    /// Adds the in-memory costs around a commit: the checksum pass, the
    /// harness's `captureState()` call, and a deep copy of the state for
    /// kernels that cannot share their arrays.
    private func addStateCosts(of kernel: BulkStateKernel, gibibytes: Double, to table: inout ResultTable) throws {
        var checksums: [Double] = []
        var captures: [Double] = []
        var copies: [Double] = []
        for _ in 0..<options.repetitions {
            let (hashes, hashSeconds) = Stopwatch.time { kernel.fields.map { XXH64.hash(of: $0) } }
            guard hashes.count == kernel.fields.count else { throw BenchmarkError("xxh64 returned \(hashes.count) checksums for \(kernel.fields.count) fields") }
            checksums.append(gibibytes / hashSeconds)

            let (state, captureSeconds) = Stopwatch.time { kernel.captureState() }
            guard state.arrayByteCount == kernel.byteCount else { throw BenchmarkError("captureState returned \(state.arrayByteCount) bytes, expected \(kernel.byteCount)") }
            captures.append(captureSeconds * 1e3)

            let (copy, copySeconds) = Stopwatch.time { kernel.fields.map { field in field.withUnsafeBufferPointer { Array($0) } } }
            guard copy == kernel.fields else { throw BenchmarkError("the deep copy of the state differs from the state") }
            copies.append(copySeconds * 1e3)
        }
        table.add("xxh64 of the state in memory (part of commit)", Summary(checksums), unit: "GiB/s")
        table.add("captureState, arrays shared copy-on-write", Summary(captures), unit: "ms")
        table.add("deep copy of the state into new arrays", Summary(copies), unit: "ms")
    }
}
