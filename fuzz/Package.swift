// swift-tools-version:6.0
// libFuzzer targets for Perpetual, built and run by `make fuzz` (see
// run.sh). A package of its own, so that the fuzzer instrumentation and the
// missing `main` (libFuzzer supplies it) stay out of the main build.
import Foundation
import PackageDescription

// A path dependency's identity is its directory name, which depends on
// where the repository was cloned.
let perpetual = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

let package = Package(
    name: "PerpetualFuzz",
    dependencies: [.package(path: "..")],
    targets: [
        // Walltime.parse: the Slurm time formats of --walltime and --time.
        .executableTarget(
            name: "fuzz-walltime",
            dependencies: [.product(name: "PerpetualCore", package: perpetual)],
            path: "Sources/FuzzWalltime"
        ),
        // CheckpointReader.loadNewestValid on arbitrary file contents.
        .executableTarget(
            name: "fuzz-checkpoint-reader",
            dependencies: [.product(name: "PerpetualCheckpoint", package: perpetual)],
            path: "Sources/FuzzCheckpointReader"
        ),
    ]
)
