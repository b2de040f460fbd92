import Foundation

/// The `simrun` command set for a program that brings its own kernels.
///
/// A custom executable's `main.swift` is one line:
///
/// ```swift
/// PerpetualCommandLine.main(kernels: [GrayScottEntry.entry])
/// ```
///
/// It then offers `run`, `--resume`, `verify`, `jobscript`, `status` and
/// `report` for those kernels, with the same options, log format and exit
/// codes as `simrun` (0 done, 75 checkpointed with work left, 64 usage,
/// 65 bad input, 1 other failure). The built-in kernels are not included;
/// list them yourself to offer them too.
///
/// NOTE: help texts and log hints name the program `simrun` whatever the
/// executable is called.
public enum PerpetualCommandLine {
    /// Runs the command line with `kernels` and exits the process with the
    /// command's exit code. The first kernel is the default of `--kernel`.
    ///
    /// Traps when `kernels` is empty or two entries share a name.
    public static func main(kernels: [KernelEntry],
                            arguments: [String] = Array(CommandLine.arguments.dropFirst())) -> Never {
        exit(run(kernels: kernels, arguments: arguments))
    }

    /// Runs the command line with `kernels` and returns the exit code, for
    /// programs that do more after the command.
    ///
    /// Call it once per process: it replaces the process-wide list of kernels.
    public static func run(kernels: [KernelEntry], arguments: [String]) -> Int32 {
        KernelCatalog.install(kernels)
        return Simrun.main(arguments)
    }
}
