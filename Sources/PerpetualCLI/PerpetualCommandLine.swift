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
/// list them yourself to offer them too. Help texts, log hints and
/// `--version` name the program by its executable's file name.
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
    /// Call it once per process: it replaces the process-wide list of
    /// kernels and the program name. `programName` is the name that help
    /// texts, log hints and `--version` show; `nil` means the file name of
    /// the running executable.
    public static func run(kernels: [KernelEntry], arguments: [String], programName: String? = nil) -> Int32 {
        KernelCatalog.install(kernels)
        ProgramName.install(programName ?? ProgramName.ofExecutable())
        return Simrun.main(arguments)
    }
}
