import Foundation
import PerpetualMD

/// `simrun md-datafile`: writes the initial state of an `md` job as a LAMMPS
/// data file, so that LAMMPS can start from the same positions and
/// velocities (LAMMPS's own random velocities cannot be reproduced).
enum MDDataFileCommand {
    static let name = "md-datafile"

    /// Whether the program offers the command: only when it runs the `md` kernel.
    static var isOffered: Bool { KernelCatalog.names.contains(MDEntry.entry.name) }

    static let output = OptionSpec(
        "output", value: "PATH", role: .invocation,
        help: "LAMMPS data file to write (atom_style atomic, full double precision); replaced if it exists.")

    static var help: String {
        """
        Usage: \(ProgramName.current) md-datafile --seed S [MD OPTIONS] --output PATH

        Writes the step-0 state of the md job that '\(ProgramName.current) run --kernel md' would
        start with the same options, as a LAMMPS data file for read_data. Run it in
        LAMMPS with units lj, atom_style atomic, pair_style lj/cut and mass 1.

        Options:

        """ + Help.format(MDEntry.options + [output, RunOptions.help])
    }

    /// Parses the options, builds the kernel and writes the file.
    /// - Throws: ``UsageError`` for invalid options, ``InputDataError`` for
    ///   an unusable `--initial-state`, ``OutputFileError`` when the output
    ///   cannot be written.
    static func run(_ arguments: [String]) throws -> ExitCode {
        if arguments.contains("--help") {
            print(help, terminator: "")
            return .complete
        }
        let parsed = try ArgumentParser(command: name, options: MDEntry.options + [output, RunOptions.help]).parse(arguments)
        guard let path = parsed.values["output"] else {
            throw UsageError("missing required option --output PATH: the data file to write", command: name)
        }
        var values: [String: String] = [:]
        for option in MDEntry.options {
            if let value = parsed.values[option.name] ?? option.defaultValue { values[option.name] = value }
        }
        guard values["seed"] != nil else {
            throw UsageError("missing required option --seed: \(MDEntry.options.first { $0.name == "seed" }!.help)", command: name)
        }
        let kernel = try MDEntry.makeKernel(OptionValues(values))
        let text = LAMMPSDataFile.render(kernel.particleState(), title: "Lennard-Jones state written by \(ProgramName.current) \(PerpetualVersion.string) md-datafile")
        try OutputFile.write(text, to: path, what: "the LAMMPS data file")
        return .complete
    }
}
