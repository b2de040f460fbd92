import Foundation
import Testing

/// Damaged and missing trace segments are found when a job resumes, not only
/// when the trace is consolidated at the end, and a generation whose rows
/// are lost is passed over for an older one whose rows are intact.
@Suite(.serialized) struct TraceSegmentTests {
    @Test func missingNewestSegmentFallsBack() throws {
        let scratch = try makeThreeSegments()
        defer { scratch.remove() }
        let newest = try #require(scratch.names(in: "job.trace.d").last)
        try FileManager.default.removeItem(atPath: scratch.path("job.trace.d/\(newest)"))

        let resumed = try Simrun.run(["--resume", "job.h5", "--segment-steps", "none"], in: scratch.url)

        #expect(resumed.exitCode == 0, "\(resumed.standardError)")
        #expect(resumed.standardError.contains("skipping checkpoint generation job.h5: its committed trace rows are not intact"),
                "\(resumed.standardError)")
        #expect(resumed.standardError.contains("have no segment file"), "\(resumed.standardError)")
        #expect(resumed.standardError.contains("falling back to generation job.step-0000000040.h5 at step 40"), "\(resumed.standardError)")
        try Compare.expectMatchesReference(.mcmc, in: scratch, "missing newest segment")
    }

    @Test func flippedBitInNewestSegmentFallsBack() throws {
        let scratch = try makeThreeSegments()
        defer { scratch.remove() }
        let newest = "job.trace.d/" + (try #require(scratch.names(in: "job.trace.d").last))
        let offset = try Python.run("import h5py, sys\nwith h5py.File(sys.argv[1], 'r') as f:\n    print(f['rows'].id.get_offset())",
                                    [newest], in: scratch.url)
        try flipBit(in: scratch.path(newest), at: try #require(Int(offset)) + 8, bit: 5)

        let resumed = try Simrun.run(["--resume", "job.h5", "--segment-steps", "none"], in: scratch.url)

        #expect(resumed.exitCode == 0, "\(resumed.standardError)")
        #expect(resumed.standardError.contains("its committed trace rows are not intact"), "\(resumed.standardError)")
        #expect(resumed.standardError.contains("checksum mismatch"), "\(resumed.standardError)")
        #expect(resumed.standardError.contains("falling back to generation job.step-0000000040.h5 at step 40"), "\(resumed.standardError)")
        try Compare.expectMatchesReference(.mcmc, in: scratch, "damaged newest segment")
    }

    @Test func damagedSegmentOfEveryGenerationStops() throws {
        let scratch = try makeThreeSegments()
        defer { scratch.remove() }
        // The first segment belongs to both generations.
        let first = "job.trace.d/" + (try #require(scratch.names(in: "job.trace.d").first))
        let offset = try Python.run("import h5py, sys\nwith h5py.File(sys.argv[1], 'r') as f:\n    print(f['rows'].id.get_offset())",
                                    [first], in: scratch.url)
        try flipBit(in: scratch.path(first), at: try #require(Int(offset)), bit: 2)
        let before = try scratch.data(first)

        let resumed = try Simrun.run(["--resume", "job.h5"], in: scratch.url)

        #expect(resumed.exitCode == 65, "\(resumed.standardError)")
        #expect(resumed.standardError.contains(first), "\(resumed.standardError)")
        #expect(resumed.standardError.contains("checksum mismatch"), "\(resumed.standardError)")
        #expect(try scratch.data(first) == before, "the damaged segment must stay for inspection")
    }

    /// Runs an MCMC job that stops at steps 30, 40 and 50. The 20 warm-up
    /// steps write no rows, so it leaves trace segments of rows 0..<10,
    /// 10..<20 and 20..<30 and generations of steps 40 and 50.
    private func makeThreeSegments() throws -> Scratch {
        let scratch = try Scratch("segments")
        let first = try Simrun.run(Job.mcmc.run(extra: ["--segment-steps", "30"]), in: scratch.url)
        try #require(first.exitCode == 75, "\(first.standardError)")
        for _ in 0..<2 {
            let next = try Simrun.run(["--resume", "job.h5", "--segment-steps", "10"], in: scratch.url)
            try #require(next.exitCode == 75, "\(next.standardError)")
        }
        try #require(scratch.names(in: "job.trace.d").count == 3, "segments: \(scratch.names(in: "job.trace.d"))")
        try #require(scratch.exists("job.step-0000000040.h5"))
        return scratch
    }
}
