import Foundation
import PerpetualCore
import PerpetualTrain

/// The training kernel's speed: its SIMD matrix product against the scalar
/// reference and numpy's `matmul` on the same shapes in the same run, the
/// machine's estimated peak, and training samples per second.
///
/// numpy runs as a child process (`benchmarks/numpy_matmul.py`), once with
/// one BLAS thread, as the Swift code runs, and once with its default
/// thread count.
struct TrainBenchmark {
    static let targetSeconds = 0.1

    /// Products of a training step (m × k times k × n): forward and weight
    /// gradient of the default model with batches of 32, the wide layer of
    /// the device-restart test with a full batch, and a square reference.
    static let shapes: [(name: String, m: Int, n: Int, k: Int)] = [
        ("forward 32×64 · 64×128", 32, 128, 64),
        ("weight gradient 128×32 · 32×64", 128, 64, 32),
        ("forward 1346×64 · 64×2048", 1346, 2048, 64),
        ("square 512", 512, 512, 512),
    ]

    let options: BenchmarkOptions

    func run() throws -> ResultTable {
        var table = ResultTable(title: "Training kernel: matrix product in GFLOP/s and training throughput, \(options.repetitions) repetitions")
        let single = try numpy(threads: 1)
        let multi = try numpy(threads: nil)
        for (index, shape) in Self.shapes.enumerated() {
            let (scalar, simd) = try measureMatmul(m: shape.m, n: shape.n, k: shape.k)
            table.add("\(shape.name): MatmulReference (scalar)", scalar, unit: "GFLOP/s")
            table.add("\(shape.name): Matmul (SIMD4, one thread)", simd, unit: "GFLOP/s")
            table.add("\(shape.name): numpy matmul, 1 BLAS thread", single[index], unit: "GFLOP/s")
            table.add("\(shape.name): numpy matmul, default threads", multi[index], unit: "GFLOP/s")
        }
        table.add("training, default model (128,64, batch 32): one epoch", try trainingThroughput(widths: [128, 64], batch: 32), unit: "samples/s")
        table.add("training, width 2048, batch 1346: one epoch", try trainingThroughput(widths: [2048], batch: 1346), unit: "samples/s")

        let peak = PeakEstimate.current()
        table.note("estimated peak of one core: \(peak.describe())")
        table.note("Matmul uses SIMD4<Double> without fused multiply-adds, compiled for the default x86-64 target (SSE2, 2 doubles per instruction), so it cannot reach the AVX2 peak; OpenBLAS picks AVX2 and FMA kernels at run time")
        table.note("numpy \(try numpyVersion()); its BLAS library decides the instructions and threads")
        table.note("training samples/s: one epoch of the 1346 training images, held-out evaluation included, on a 1 GiB simulated device")
        return table
    }

    /// Times the scalar reference and the SIMD product, alternating.
    private func measureMatmul(m: Int, n: Int, k: Int) throws -> (Summary, Summary) {
        var random = CounterRNG(seed: 1, stream: 0, step: 0)
        let a = (0..<(m * k)).map { _ in random.nextNormal() }
        let b = (0..<(k * n)).map { _ in random.nextNormal() }
        var c = [Double](repeating: 0, count: m * n)
        let flops = 2 * Double(m * n * k)

        let scalar = { (count: Int) -> Double in
            var sum = 0.0
            for _ in 0..<count { sum += MatmulReference.multiply(a, transposeA: false, b, m: m, n: n, k: k)[0] }
            return sum
        }
        let simd = { (count: Int) -> Double in
            var sum = 0.0
            a.withUnsafeBufferPointer { pa in
                b.withUnsafeBufferPointer { pb in
                    c.withUnsafeMutableBufferPointer { pc in
                        for _ in 0..<count {
                            Matmul.multiply(pa.baseAddress!, transposeA: false, pb.baseAddress!, into: pc.baseAddress!, m: m, n: n, k: k)
                            sum += pc[0]
                        }
                    }
                }
            }
            return sum
        }
        let scalarCount = Stopwatch.calibrate(targetSeconds: Self.targetSeconds) { _ = scalar($0) }
        let simdCount = Stopwatch.calibrate(targetSeconds: Self.targetSeconds) { _ = simd($0) }
        let sample = { (body: (Int) -> Double, count: Int) throws -> Double in
            let (sum, seconds) = Stopwatch.time { body(count) }
            guard sum.isFinite else { throw BenchmarkError("matrix product \(m)×\(k)·\(k)×\(n) gave a non-finite sum \(sum)") }
            return flops * Double(count) / seconds / 1e9
        }
        return try alternate(repetitions: options.repetitions,
                             baseline: { try sample(scalar, scalarCount) },
                             subject: { try sample(simd, simdCount) })
    }

    /// Samples per second of one epoch, over the repetitions.
    private func trainingThroughput(widths: [Int], batch: Int) throws -> Summary {
        var samples: [Double] = []
        for _ in 0..<options.repetitions {
            var configuration = TrainConfiguration(seed: 1)
            configuration.hiddenWidths = widths
            configuration.epochs = 1
            configuration.batchSchedule = BatchSchedule(initial: batch)
            let kernel = try TrainKernel(configuration: configuration, device: SimulatedDevice(capacity: 1 << 30))
            let (_, seconds) = try Stopwatch.time {
                while !kernel.isComplete { _ = try kernel.advanceStep() }
            }
            samples.append(Double(kernel.imageCounts.training) / seconds)
        }
        return Summary(samples)
    }

    /// Runs the numpy script on ``shapes`` and returns one summary per shape.
    private func numpy(threads: Int?) throws -> [Summary] {
        var environment = ProcessInfo.processInfo.environment
        if let threads {
            for name in ["OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"] { environment[name] = "\(threads)" }
        }
        let arguments = [Self.scriptPath, "\(options.repetitions)"] + Self.shapes.map { "\($0.m),\($0.n),\($0.k)" }
        let output = try Self.runPython(arguments, environment: environment)
        let lines = output.split(separator: "\n")
        guard lines.count == Self.shapes.count else {
            throw BenchmarkError("numpy_matmul.py printed \(lines.count) lines for \(Self.shapes.count) shapes: \(output)")
        }
        return try lines.map { line in
            let fields = line.split(separator: " ").compactMap { Double($0) }
            guard fields.count == 6 else { throw BenchmarkError("numpy_matmul.py printed an unreadable line '\(line)'") }
            // The script prints median, minimum and maximum; keep them as the samples.
            return Summary([fields[4], fields[3], fields[5]])
        }
    }

    private func numpyVersion() throws -> String {
        try Self.runPython(["-c", "import numpy; print(numpy.__version__)"], environment: ProcessInfo.processInfo.environment)
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static var scriptPath: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("numpy_matmul.py").path
    }

    static func runPython(_ arguments: [String], environment: [String: String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw BenchmarkError("python3 \(arguments.joined(separator: " ")) exited with \(process.terminationStatus)")
        }
        return output
    }
}

/// Theoretical double-precision peak of one core from its clock and
/// vector extensions: flops per cycle times the `cpu MHz` of
/// `/proc/cpuinfo`, which is the current clock, not a guaranteed one.
struct PeakEstimate {
    var megahertz: Double
    var flags: Set<String>

    static func current() -> PeakEstimate {
        let text = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        var megahertz = 0.0
        var flags = Set<String>()
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2 else { continue }
            if parts[0] == "cpu MHz", megahertz == 0 { megahertz = Double(parts[1]) ?? 0 }
            if parts[0] == "flags", flags.isEmpty { flags = Set(parts[1].split(separator: " ").map(String.init)) }
        }
        return PeakEstimate(megahertz: megahertz, flags: flags)
    }

    /// Assumes two 4-wide fused multiply-add pipes per core when the CPU
    /// has AVX2 and FMA (16 flops per cycle, as on Intel Haswell and AMD
    /// Zen 2 and later), else reports no figure.
    func describe() -> String {
        let gigahertz = megahertz / 1000
        guard gigahertz > 0 else { return "unknown (no cpu MHz in /proc/cpuinfo)" }
        guard flags.contains("avx2") && flags.contains("fma") else {
            return String(format: "unknown for this CPU without AVX2 and FMA (clock %.2f GHz)", gigahertz)
        }
        return String(format: "%.1f GFLOP/s = %.2f GHz (cpu MHz of /proc/cpuinfo) × 16 flops/cycle (two 4-wide FMA pipes, AVX2)", 16 * gigahertz, gigahertz)
    }
}
