import Foundation
import PerpetualMD
import Testing
@testable import PerpetualCLI

/// The `md` kernel through the built `simrun` binary: interrupted and
/// resumed jobs, the initial-state file and the LAMMPS data file.
@Suite(.serialized) struct MDJobTests {
    /// 256 atoms (4³ fcc cells), 300 steps, thermo every 10 steps.
    static let job = ["--kernel", "md", "--cells", "4", "--steps", "300", "--seed", "4242", "--thermo-every", "10"]

    static func expectIdentical(_ scratch: ScratchDirectory, job: String) throws {
        let trace = try JobChain.h5diff(scratch.path("reference.trace.h5"), scratch.path("\(job).trace.h5"), object: "/thermo")
        #expect(trace.status == 0, "thermo trace differs: \(trace.output)")
        let state = try JobChain.h5diff(scratch.path("reference.h5"), scratch.path("\(job).h5"), object: "/state")
        #expect(state.status == 0, "final state differs: \(state.output)")
    }

    @Test(arguments: [["--thermostat", "none"], ["--thermostat", "langevin", "--damping", "0.5"]])
    func resumedJobMatchesUninterrupted(thermostat: [String]) throws {
        let scratch = try ScratchDirectory("md-resume")
        defer { scratch.remove() }
        let arguments = ["run"] + Self.job + thermostat
        let reference = try SimrunProcess.run(arguments + ["--checkpoint", "reference.h5"], in: scratch.url)
        try #require(reference.exitCode == 0, "reference run failed: \(reference.standardError)")

        // Segments of 70 steps: stops fall between thermo rows and neighbour builds.
        let first = try SimrunProcess.run(arguments + ["--checkpoint", "job.h5", "--segment-steps", "70"], in: scratch.url)
        #expect(first.exitCode == 75, "stderr: \(first.standardError)")
        let segments = try JobChain.resumeUntilComplete(checkpoint: "job.h5", in: scratch.url, extraArguments: ["--segment-steps", "70"])

        #expect(segments == 4)
        try Self.expectIdentical(scratch, job: "job")
    }

    @Test func sigtermStopsAndResumesIdentically() throws {
        let scratch = try ScratchDirectory("md-signal")
        defer { scratch.remove() }
        let arguments = ["run", "--kernel", "md", "--cells", "5", "--steps", "1500", "--seed", "8", "--thermostat", "langevin"]
        let reference = try SimrunProcess.run(arguments + ["--checkpoint", "reference.h5"], in: scratch.url)
        try #require(reference.exitCode == 0, "reference run failed: \(reference.standardError)")

        let process = try SimrunProcess(arguments + ["--checkpoint", "job.h5", "--progress-interval", "0.05"], in: scratch.url)
        try JobChain.waitForText("step ", in: process)
        process.send(SIGTERM)
        let first = try process.wait()
        #expect(first.exitCode == 75, "stderr: \(first.standardError)")
        _ = try JobChain.resumeUntilComplete(checkpoint: "job.h5", in: scratch.url)

        try Self.expectIdentical(scratch, job: "job")
    }

    @Test func initialStateFileStartsTheSameJob() throws {
        let scratch = try ScratchDirectory("md-initial")
        defer { scratch.remove() }
        // The lattice job's own step-0 state, written to a file and read back.
        let kernel = try MDKernel(configuration: MDConfiguration(cells: 4, steps: 300, seed: 4242))
        try MDInitialStateFile.write(kernel.particleState(), path: scratch.path("start.h5"))

        let reference = try SimrunProcess.run(["run"] + Self.job + ["--checkpoint", "reference.h5"], in: scratch.url)
        let fromFile = try SimrunProcess.run(["run"] + Self.job + ["--initial-state", "start.h5", "--checkpoint", "file.h5"], in: scratch.url)

        #expect(reference.exitCode == 0, "stderr: \(reference.standardError)")
        #expect(fromFile.exitCode == 0, "stderr: \(fromFile.standardError)")
        try Self.expectIdentical(scratch, job: "file")
    }

    @Test func resumeRejectsChangedInitialState() throws {
        let scratch = try ScratchDirectory("md-changed-initial")
        defer { scratch.remove() }
        let kernel = try MDKernel(configuration: MDConfiguration(cells: 4, steps: 300, seed: 4242))
        var state = kernel.particleState()
        try MDInitialStateFile.write(state, path: scratch.path("start.h5"))
        let arguments = ["run"] + Self.job + ["--initial-state", "start.h5", "--checkpoint", "job.h5"]
        let first = try SimrunProcess.run(arguments + ["--segment-steps", "70"], in: scratch.url)
        try #require(first.exitCode == 75, "stderr: \(first.standardError)")

        state.x[0] += 0.01
        try MDInitialStateFile.write(state, path: scratch.path("start.h5"))
        let resumed = try SimrunProcess.run(["--resume", "job.h5"], in: scratch.url)

        #expect(resumed.exitCode == 65, "stderr: \(resumed.standardError)")
        #expect(resumed.standardError.contains("initial_state/fingerprint"), "stderr: \(resumed.standardError)")
    }

    /// Checks the openPMD 1.1.0 layout of a checkpoint at step 70 with h5py;
    /// prints the failed checks and exits 1 when any failed.
    static let openPMDCheck = """
        import sys, h5py, numpy as np
        f = h5py.File(sys.argv[1], "r")
        failures = []
        def check(condition, message):
            if not condition: failures.append(message)
        root = {"openPMD": "1.1.0", "basePath": "/data/%T/", "particlesPath": "particles/",
                "iterationEncoding": "groupBased", "iterationFormat": "/data/%T/"}
        for name, value in root.items():
            check(f.attrs.get(name) == value, f"root attribute {name} is {f.attrs.get(name)!r}, expected {value!r}")
        check(f.attrs.get("openPMDextension") == 0 and f.attrs["openPMDextension"].dtype == np.uint32, "openPMDextension")
        check(list(f["data"].keys()) == ["70"], f"iterations {list(f['data'].keys())}")
        iteration = f["data/70"]
        check(abs(iteration.attrs["time"] - 70 * 0.005) < 1e-15, "time")
        check(iteration.attrs["dt"] == 0.005 and iteration.attrs["timeUnitSI"] == 1.0, "dt, timeUnitSI")
        atoms = iteration["particles/atoms"]
        check(sorted(atoms.keys()) == ["id", "position", "positionOffset", "velocity"], f"records {sorted(atoms.keys())}")
        dimensions = {"position": [1, 0, 0, 0, 0, 0, 0], "velocity": [1, 0, -1, 0, 0, 0, 0], "positionOffset": [1, 0, 0, 0, 0, 0, 0]}
        for record, dimension in dimensions.items():
            check(list(atoms[record].attrs["unitDimension"]) == dimension, f"{record} unitDimension")
            check(atoms[record].attrs["timeOffset"] == 0.0, f"{record} timeOffset")
            for component in "xyz":
                check(atoms[record][component].attrs["unitSI"] == 1.0, f"{record}/{component} unitSI")
        for component in "xyz":
            check(np.array_equal(atoms["position"][component][()], f["state/particles/position/" + component][()]), "position " + component)
            check(np.array_equal(atoms["velocity"][component][()], f["state/particles/velocity/" + component][()]), "velocity " + component)
            offset = atoms["positionOffset"][component]
            check(isinstance(offset, h5py.Group) and offset.attrs["value"] == 0.0, "positionOffset constant value")
            check(list(offset.attrs["shape"]) == [256], "positionOffset shape")
        check(np.array_equal(atoms["id"][()], np.arange(1, 257)), "id")
        check(atoms["id"].attrs["unitSI"] == 1.0 and list(atoms["id"].attrs["unitDimension"]) == [0] * 7, "id units")
        print("; ".join(failures))
        sys.exit(1 if failures else 0)
        """

    @Test func checkpointFollowsOpenPMD() throws {
        let scratch = try ScratchDirectory("md-openpmd")
        defer { scratch.remove() }
        let first = try SimrunProcess.run(["run"] + Self.job + ["--checkpoint", "job.h5", "--segment-steps", "70"], in: scratch.url)
        try #require(first.exitCode == 75, "stderr: \(first.standardError)")

        let process = Process()
        let output = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", Self.openPMDCheck, scratch.path("job.h5")]
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let message = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()

        #expect(process.terminationStatus == 0, "openPMD check failed: \(message)")
        let resumed = try JobChain.resumeUntilComplete(checkpoint: "job.h5", in: scratch.url)
        #expect(resumed >= 1, "the checkpoint with the openPMD view resumes")
    }

    @Test func initialStateFileRoundTrip() throws {
        let scratch = try ScratchDirectory("md-state-file")
        defer { scratch.remove() }
        var state = FCCLattice.state(cells: 2, density: 0.8442)
        VelocityInitialization.assign(to: &state, temperature: 1.0, seed: 3)
        state.ids = state.ids.map { 1000 - $0 }

        try MDInitialStateFile.write(state, path: scratch.path("state.h5"))
        let read = try MDInitialStateFile.read(path: scratch.path("state.h5"))

        #expect(read == state)
    }

    @Test func dataFileHoldsEveryAtom() throws {
        let scratch = try ScratchDirectory("md-datafile")
        defer { scratch.remove() }
        let result = try SimrunProcess.run(["md-datafile", "--cells", "3", "--seed", "1", "--output", "lj.data"], in: scratch.url)
        let text = try String(contentsOfFile: scratch.path("lj.data"), encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)

        #expect(result.exitCode == 0, "stderr: \(result.standardError)")
        #expect(lines.contains("108 atoms"))
        #expect(lines.contains("Velocities"))
        let kernel = try MDKernel(configuration: MDConfiguration(cells: 3, steps: 100, seed: 1))
        #expect(text.hasSuffix(LAMMPSDataFile.render(kernel.particleState()).split(separator: "\n", maxSplits: 1)[1]))
    }

    struct FailureCase: Sendable, CustomTestStringConvertible {
        var name: String
        var arguments: [String]
        var exitCode: Int32
        var message: String
        var testDescription: String { name }
    }

    static let failures = [
        FailureCase(name: "unknown thermostat", arguments: ["--thermostat", "nose-hoover"], exitCode: 64, message: "invalid value 'nose-hoover' for --thermostat"),
        FailureCase(name: "box too small", arguments: ["--cells", "1"], exitCode: 64, message: "cutoff + skin"),
        FailureCase(name: "negative dt", arguments: ["--dt", "-0.1"], exitCode: 64, message: "for --dt"),
        FailureCase(name: "missing initial state", arguments: ["--initial-state", "absent.h5"], exitCode: 65, message: "initial-state file not found"),
    ]

    @Test(arguments: failures)
    func invalidInputIsRejected(_ failure: FailureCase) throws {
        let scratch = try ScratchDirectory("md-invalid")
        defer { scratch.remove() }
        let result = try SimrunProcess.run(["run", "--kernel", "md", "--seed", "1", "--steps", "5"] + failure.arguments + ["--checkpoint", "x.h5"], in: scratch.url)

        #expect(result.exitCode == failure.exitCode, "stderr: \(result.standardError)")
        #expect(result.standardError.contains(failure.message), "stderr: \(result.standardError)")
    }
}
