/// Command-line options of `perpetual-bench`.
struct BenchmarkOptions {
    enum Section: String, CaseIterable {
        case checkpoint, harness, simd, train
    }

    /// Directory in which the checkpoint benchmark writes its files, inside
    /// a subdirectory it creates and removes.
    var directory = "runs/bench"
    /// Repetitions of every measurement; medians and ranges are over these.
    var repetitions = 5
    /// Size of the kernel state of the checkpoint benchmark in MiB.
    var stateMiB = 1024
    /// Steps of the tiny kernel in the harness benchmark.
    var steps = 1_000_000
    /// Sections to run, in the order of ``Section/allCases``.
    var sections = Section.allCases

    static let usage = """
        usage: perpetual-bench [--directory DIR] [--repetitions N] [--state-mib N] [--steps N] [--only LIST]

          --directory DIR    directory for the checkpoint benchmark's files (default runs/bench);
                             a subdirectory is created in it and removed afterwards
          --repetitions N    repetitions of every measurement, at least 1 (default 5)
          --state-mib N      kernel state written by the checkpoint benchmark, in MiB, at most 1048576 (default 1024)
          --steps N          steps of the tiny kernel in the harness benchmark (default 1000000)
          --only LIST        comma-separated sections to run: checkpoint, harness, simd, train (default all)
          --help             print this text
        """

    /// Parses `arguments` (without the program name).
    /// - Throws: ``BenchmarkOptions/UsageError`` quoting the invalid option or value.
    static func parse(_ arguments: [String]) throws(UsageError) -> BenchmarkOptions {
        var options = BenchmarkOptions()
        var remaining = arguments[...]
        while let option = remaining.popFirst() {
            if option == "--help" {
                throw UsageError(message: nil)
            }
            guard let value = remaining.popFirst() else {
                throw UsageError(message: "missing value after \(option)")
            }
            switch option {
            case "--directory":
                guard !value.isEmpty else { throw UsageError(message: "--directory needs a non-empty path") }
                options.directory = value
            case "--repetitions":
                options.repetitions = try positiveInteger(value, option: option)
            case "--state-mib":
                options.stateMiB = try positiveInteger(value, option: option, maximum: maxStateMiB)
            case "--steps":
                options.steps = try positiveInteger(value, option: option)
            case "--only":
                options.sections = try sections(value)
            default:
                throw UsageError(message: "unknown option '\(option)'")
            }
        }
        return options
    }

    /// Largest `--state-mib`: 1 TiB, so that byte counts stay far from overflow.
    static let maxStateMiB = 1 << 20

    private static func positiveInteger(_ value: String, option: String, maximum: Int = Int.max) throws(UsageError) -> Int {
        guard let number = Int(value), number >= 1, number <= maximum else {
            let range = maximum == Int.max ? "at least 1" : "from 1 to \(maximum)"
            throw UsageError(message: "\(option) needs an integer \(range), got '\(value)'")
        }
        return number
    }

    private static func sections(_ value: String) throws(UsageError) -> [Section] {
        var chosen = Set<Section>()
        for name in value.split(separator: ",") {
            guard let section = Section(rawValue: String(name)) else {
                throw UsageError(message: "--only got unknown section '\(name)'. Choose from checkpoint, harness, simd, train.")
            }
            chosen.insert(section)
        }
        guard !chosen.isEmpty else {
            throw UsageError(message: "--only needs at least one of checkpoint, harness, simd, train")
        }
        return Section.allCases.filter(chosen.contains)
    }

    /// Invalid command-line input, or `--help` when ``message`` is `nil`.
    struct UsageError: Error {
        let message: String?
    }
}
