import Foundation
import Testing

/// Damage to the newest generation of a job with generations of steps 20
/// and 40. Each kind is detected and the log names the file and the reason.
/// `--resume` falls back to step 20 and finishes identical to the
/// uninterrupted run.
@Suite(.serialized) struct DamagedFileTests {
    struct Damage: CustomStringConvertible, Sendable {
        var name: String
        /// A part of the reason the log gives for skipping the file.
        var reason: String
        var apply: @Sendable (Scratch) throws -> Void
        var description: String { name }
    }

    static let damages: [Damage] = [
        Damage(name: "truncated to half", reason: "job.h5") { scratch in
            let handle = try FileHandle(forUpdating: URL(fileURLWithPath: scratch.path("job.h5")))
            let size = try handle.seekToEnd()
            try handle.truncate(atOffset: size / 2)
            try handle.close()
        },
        Damage(name: "bit flipped in state data", reason: "checksum mismatch in dataset 'chains/position'") { scratch in
            let offset = try Python.run(datasetOffset, ["job.h5", "state/chains/position"], in: scratch.url)
            try flipBit(in: scratch.path("job.h5"), at: try #require(Int(offset)), bit: 3)
        },
        Damage(name: "bit flipped in superblock", reason: "file signature not found") { scratch in
            try flipBit(in: scratch.path("job.h5"), at: 2, bit: 1)
        },
        Damage(name: "bit flipped in object header", reason: "cannot read the group '/harness'") { scratch in
            let offset = try Python.run(objectHeaderOffset, ["job.h5", "harness"], in: scratch.url)
            try flipBit(in: scratch.path("job.h5"), at: try #require(Int(offset)), bit: 0)
        },
        Damage(name: "still marked open for write", reason: "already open for write") { scratch in
            // A repack in the newest file format has a superblock with status
            // flags. When h5py opens it for writing and exits without closing
            // it, the write-access flag stays set, as after a crashed writer.
            try runTool("h5repack", ["--latest", scratch.path("job.h5"), scratch.path("latest.h5")])
            _ = try Python.run("import h5py, os, sys\nheld = h5py.File(sys.argv[1], 'r+')\nos._exit(0)", ["latest.h5"], in: scratch.url)
            try FileManager.default.removeItem(atPath: scratch.path("job.h5"))
            try FileManager.default.moveItem(atPath: scratch.path("latest.h5"), toPath: scratch.path("job.h5"))
        },
        Damage(name: "zero length", reason: "the file is empty (0 bytes)") { scratch in
            try Data().write(to: URL(fileURLWithPath: scratch.path("job.h5")))
        },
        Damage(name: "another kernel's checkpoint", reason: "written by kernel 'md'") { scratch in
            let other = try References.shared.directory(for: .md)
            try FileManager.default.removeItem(atPath: scratch.path("job.h5"))
            try FileManager.default.copyItem(atPath: other.path("job.h5"), toPath: scratch.path("job.h5"))
        },
    ]

    @Test(arguments: damages)
    func damagedNewestFallsBack(_ damage: Damage) throws {
        let scratch = try makeTwoGenerations()
        defer { scratch.remove() }
        try damage.apply(scratch)

        // `none` lifts the segment limit stored by the first two runs.
        let resumed = try Simrun.run(["--resume", "job.h5", "--segment-steps", "none"], in: scratch.url)

        #expect(resumed.exitCode == 0, "\(damage): \(resumed.standardError)")
        #expect(resumed.standardError.contains("skipping checkpoint generation job.h5"), "\(damage): \(resumed.standardError)")
        #expect(resumed.standardError.contains(damage.reason), "\(damage): \(resumed.standardError)")
        #expect(resumed.standardError.contains("falling back to generation job.step-0000000020.h5 at step 20"), "\(damage): \(resumed.standardError)")
        try Compare.expectMatchesReference(.mcmc, in: scratch, damage.name)
    }

    @Test func directoryInPlaceOfFile() throws {
        let scratch = try makeTwoGenerations()
        defer { scratch.remove() }
        try FileManager.default.removeItem(atPath: scratch.path("job.h5"))
        try FileManager.default.createDirectory(atPath: scratch.path("job.h5"), withIntermediateDirectories: false)

        let resumed = try Simrun.run(["--resume", "job.h5"], in: scratch.url)

        // The next generation could never be renamed over a directory, so
        // the job stops with an error instead of running in vain.
        #expect(resumed.exitCode != 0)
        #expect(resumed.exitCode != 75)
        #expect(resumed.standardError.contains("job.h5"), "\(resumed.standardError)")
        #expect(resumed.standardError.contains("directory"), "\(resumed.standardError)")
        #expect(scratch.exists("job.step-0000000020.h5"))
    }

    @Test func newerFormatVersionIsRejected() throws {
        let scratch = try makeTwoGenerations()
        defer { scratch.remove() }
        _ = try Python.run("import h5py, numpy, sys\nwith h5py.File(sys.argv[1], 'r+') as f:\n    f.attrs['format_version'] = numpy.int64(3)",
                           ["job.h5"], in: scratch.url)
        let before = try scratch.data("job.h5")

        let resumed = try Simrun.run(["--resume", "job.h5"], in: scratch.url)

        // Falling back past a newer program's file would discard its
        // progress, so the resume stops and names both versions.
        #expect(resumed.exitCode == 65, "\(resumed.standardError)")
        #expect(resumed.standardError.contains("job.h5"))
        #expect(resumed.standardError.contains("format version 3"))
        #expect(resumed.standardError.contains("up to version 2"))
        #expect(try scratch.data("job.h5") == before)
    }

    @Test func damagedOnlyGenerationIsBadInput() throws {
        let scratch = try Scratch("only")
        defer { scratch.remove() }
        let first = try Simrun.run(Job.mcmc.run(extra: ["--segment-steps", "20"]), in: scratch.url)
        try #require(first.exitCode == 75, "\(first.standardError)")
        try flipBit(in: scratch.path("job.h5"), at: 2, bit: 1)
        let before = try scratch.data("job.h5")

        let resumed = try Simrun.run(["--resume", "job.h5"], in: scratch.url)

        #expect(resumed.exitCode == 65, "\(resumed.standardError)")
        #expect(resumed.standardError.contains("no checkpoint generation is valid"), "\(resumed.standardError)")
        #expect(resumed.standardError.contains("job.h5"))
        #expect(try scratch.data("job.h5") == before)
    }

    // MARK: Helpers

    /// Runs an MCMC job that stops at step 20 and again at step 40.
    private func makeTwoGenerations() throws -> Scratch {
        let scratch = try Scratch("damaged")
        let first = try Simrun.run(Job.mcmc.run(extra: ["--segment-steps", "20"]), in: scratch.url)
        try #require(first.exitCode == 75, "\(first.standardError)")
        let second = try Simrun.run(["--resume", "job.h5", "--segment-steps", "20"], in: scratch.url)
        try #require(second.exitCode == 75, "\(second.standardError)")
        try #require(scratch.exists("job.step-0000000020.h5"))
        return scratch
    }

    /// Prints the file offset of a contiguous dataset's data.
    private static let datasetOffset = "import h5py, sys\nwith h5py.File(sys.argv[1], 'r') as f:\n    print(f[sys.argv[2]].id.get_offset())"

    /// Prints the file offset of the type of an object's first header
    /// message: a version 1 object header has a 16-byte prefix.
    private static let objectHeaderOffset = "import h5py, sys\nwith h5py.File(sys.argv[1], 'r') as f:\n    print(h5py.h5o.get_info(f[sys.argv[2]].id).addr + 16)"
}

func flipBit(in path: String, at offset: Int, bit: Int) throws {
    var data = try Data(contentsOf: URL(fileURLWithPath: path))
    precondition(offset < data.count, "offset \(offset) lies beyond the \(data.count) bytes of \(path)")
    data[offset] ^= UInt8(1 << bit)
    try data.write(to: URL(fileURLWithPath: path))
}

func runTool(_ tool: String, _ arguments: [String]) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [tool] + arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw SetupError("\(tool) \(arguments) failed (\(process.terminationStatus)): \(output)")
    }
}
