// swift-tools-version:6.0
// Perpetual: checkpoint/restart for iterative scientific jobs on HPC clusters.
//
// The targets below are listed in dependency order. Each layer depends only on
// the layers above it:
//
//   C system libraries (HDF5, parallel flavour; Open MPI)
//   -> thin internal wrappers: the only code that calls C
//   -> core harness: kernel protocol, budgets, stop policies, signals, RNG,
//      SIMD, the communicator protocol
//   -> coordination: the MPI communicator
//   -> checkpoint I/O: HDF5 checkpoint generations and trace segments
//   -> Slurm integration: job end time, job-script generation
//   -> kernels: MCMC, Lennard-Jones molecular dynamics
//   -> command-line front end and the `simrun` executable
import PackageDescription

let package = Package(
    name: "Perpetual",
    products: [
        .library(name: "PerpetualCore", targets: ["PerpetualCore"]),
        .library(name: "PerpetualCoordination", targets: ["PerpetualCoordination"]),
        .library(name: "PerpetualCheckpoint", targets: ["PerpetualCheckpoint"]),
        .library(name: "PerpetualMCMC", targets: ["PerpetualMCMC"]),
        .library(name: "PerpetualMD", targets: ["PerpetualMD"]),
        .library(name: "PerpetualSlurm", targets: ["PerpetualSlurm"]),
        .library(name: "PerpetualDiagnostics", targets: ["PerpetualDiagnostics"]),
        .library(name: "PerpetualTrain", targets: ["PerpetualTrain"]),
        // The command set for executables with their own kernels.
        .library(name: "PerpetualCLI", targets: ["PerpetualCLI"]),
        .executable(name: "simrun", targets: ["simrun"]),
    ],
    targets: [
        // C system libraries. The pkg-config module is named explicitly:
        // `hdf5` is a Debian alternatives link that changes with what is
        // installed, `hdf5-openmpi` always means the parallel build.
        .systemLibrary(
            name: "CHDF5",
            pkgConfig: "hdf5-openmpi",
            providers: [.apt(["libhdf5-openmpi-dev"])]
        ),
        .systemLibrary(
            name: "CMPI",
            pkgConfig: "ompi-c",
            providers: [.apt(["libopenmpi-dev"])]
        ),

        // HDF5's high-level library, for the dimension scales (`H5DS*`) that
        // make a trace file readable as netCDF-4.
        .systemLibrary(
            name: "CHDF5HighLevel",
            pkgConfig: "hdf5-openmpi",
            providers: [.apt(["libhdf5-openmpi-dev"])]
        ),

        // Thin wrappers: owners of HDF5 identifiers, one error checker per C
        // return convention, a process-wide lock around every HDF5 call.
        // The MPI-IO file driver takes an MPI communicator from PerpetualMPI.
        .target(name: "PerpetualMPI", dependencies: ["CMPI"]),
        .target(name: "PerpetualHDF5", dependencies: ["CHDF5", "CHDF5HighLevel", "PerpetualMPI"]),

        // Core harness: no HDF5 or MPI here.
        .target(name: "PerpetualCore"),

        // The MPI implementation of the core's Communicator protocol.
        .target(name: "PerpetualCoordination", dependencies: ["PerpetualCore", "PerpetualMPI"]),

        // Checkpoint I/O on top of the wrappers; collective over MPI ranks.
        .target(
            name: "PerpetualCheckpoint",
            dependencies: ["PerpetualCore", "PerpetualHDF5", "PerpetualCoordination", "PerpetualMPI"]
        ),

        // Slurm integration: the job's end time from squeue, job scripts
        // rendered from the templates in jobscripts/ (a resource target, so
        // the templates stay next to the local-cluster script).
        .target(
            name: "PerpetualJobscripts",
            path: "jobscripts",
            exclude: ["local-cluster.sh"],
            resources: [.copy("chain-segment.sh")]
        ),
        .target(name: "PerpetualSlurm", dependencies: ["PerpetualCore", "PerpetualJobscripts"]),

        // Built-in kernels depend on the core only.
        .target(
            name: "PerpetualMCMC",
            dependencies: ["PerpetualCore"],
            resources: [.copy("Data")]
        ),

        // Lennard-Jones molecular dynamics.
        .target(name: "PerpetualMD", dependencies: ["PerpetualCore"]),
        // Convergence diagnostics (R-hat, ESS, MCSE) and MD drift, pure Swift.
        .target(name: "PerpetualDiagnostics", dependencies: ["PerpetualCore"]),

        // Neural-network training on a simulated device with scarce memory.
        .target(
            name: "PerpetualTrain",
            dependencies: ["PerpetualCore"],
            resources: [.copy("Data")]
        ),

        // Command-line front end and the executable.
        .target(
            name: "PerpetualCLI",
            dependencies: ["PerpetualCore", "PerpetualCoordination", "PerpetualCheckpoint", "PerpetualMCMC", "PerpetualMD",
                           "PerpetualTrain", "PerpetualHDF5", "PerpetualSlurm", "PerpetualDiagnostics"]
        ),
        .executableTarget(name: "simrun", dependencies: ["PerpetualCLI"]),

        // A custom kernel as its own executable, built on the public API only.
        .executableTarget(
            name: "gray-scott",
            dependencies: ["PerpetualCLI", "PerpetualCore"],
            path: "examples/gray-scott/Sources"
        ),
        // A kernel that restores wrongly on purpose, for the tests of `verify`.
        .executableTarget(
            name: "broken-restart",
            dependencies: ["PerpetualCLI", "PerpetualCore"],
            path: "Tests/Fixtures/BrokenRestart"
        ),

        // Benchmarks, run by `make bench` and never by `make test`.
        .executableTarget(
            name: "perpetual-bench",
            dependencies: ["PerpetualCore", "PerpetualCheckpoint", "PerpetualMCMC", "PerpetualTrain"],
            path: "benchmarks/Sources"
        ),

        .testTarget(name: "PerpetualCoreTests", dependencies: ["PerpetualCore"]),
        .testTarget(name: "PerpetualHDF5Tests", dependencies: ["PerpetualHDF5"]),
        .testTarget(
            name: "PerpetualCheckpointTests",
            dependencies: ["PerpetualCheckpoint", "PerpetualCore"],
            // Python scripts that the tests run with python3 to read the
            // files back through h5py.
            exclude: ["Interop"]
        ),
        .testTarget(name: "PerpetualMCMCTests", dependencies: ["PerpetualMCMC", "PerpetualCore"]),
        .testTarget(name: "PerpetualMDTests", dependencies: ["PerpetualMD", "PerpetualCore"]),
        .testTarget(name: "PerpetualTrainTests", dependencies: ["PerpetualTrain", "PerpetualCore"]),
        .testTarget(
            name: "SimrunTests",
            dependencies: ["PerpetualCLI", "PerpetualCheckpoint"],
            // h5py scripts that write hostile checkpoints, and inputs that
            // once crashed a fuzz target, replayed by FuzzRegressionTests.
            exclude: ["Interop", "Regressions"]
        ),
        .testTarget(name: "MPITests", dependencies: ["PerpetualCore", "PerpetualCheckpoint"], exclude: ["Interop"]),
        // Runs job chains on a real Slurm cluster (jobscripts/local-cluster.sh).
        .testTarget(name: "SlurmTests", dependencies: ["PerpetualSlurm", "PerpetualCore"]),
        .testTarget(name: "PerpetualDiagnosticsTests", dependencies: ["PerpetualDiagnostics", "PerpetualCore"]),
        // Fault injection against the built simrun: kills, damaged files,
        // full disks, locking, signals. `make soak` runs the long version.
        .testTarget(name: "ReliabilityTests", exclude: ["Preload"]),
        .testTarget(
            name: "ReportTests",
            dependencies: ["PerpetualCLI", "PerpetualCheckpoint", "PerpetualCore"],
            // Python scripts that generate chain sets and run ArviZ.
            exclude: ["Python"]
        ),
    ]
)
