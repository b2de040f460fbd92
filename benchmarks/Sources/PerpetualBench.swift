import Foundation

/// Entry point of `perpetual-bench`: prints the machine, runs the chosen
/// benchmark sections and prints one Markdown table per section.
///
/// Exit codes: 0 when every section ran, 64 for invalid options, 1 when a
/// benchmark failed. Speed never decides the exit code.
@main
enum PerpetualBench {
    static func main() {
        let options: BenchmarkOptions
        do {
            options = try BenchmarkOptions.parse(Array(CommandLine.arguments.dropFirst()))
        } catch {
            if let message = error.message {
                FileHandle.standardError.write(Data("perpetual-bench: \(message)\n\(BenchmarkOptions.usage)\n".utf8))
                exit(64)
            }
            print(BenchmarkOptions.usage)
            exit(0)
        }

        print("## perpetual-bench results\n")
        print(MachineDescription.current(directory: options.directory).render())
        do {
            for section in options.sections {
                let table = try run(section, options: options)
                print(table.render())
            }
        } catch {
            FileHandle.standardError.write(Data("perpetual-bench: \(error)\n".utf8))
            exit(1)
        }
        print("- load average (1, 5, 15 min) at end: \(MachineDescription.loadAverage())")
    }

    private static func run(_ section: BenchmarkOptions.Section, options: BenchmarkOptions) throws -> ResultTable {
        switch section {
        case .checkpoint: try CheckpointBandwidthBenchmark(options: options).run()
        case .harness: try HarnessOverheadBenchmark(options: options).run()
        case .simd: try VectorMathBenchmark(options: options).run()
        case .train: try TrainBenchmark(options: options).run()
        }
    }
}
