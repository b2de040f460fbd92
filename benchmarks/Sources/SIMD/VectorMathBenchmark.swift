import PerpetualCore
import PerpetualMCMC

/// SIMD against scalar code: ``VectorMath`` against ``ScalarReference`` on
/// the logistic-regression problem (569 × 31) and on dot products in and
/// out of cache, and the logistic-regression log density with gradient.
///
/// Every timed loop flips the sign of one input element before each call,
/// so that the compiler cannot hoist the call out of the loop, and sums the
/// results, which must come out finite. ``ScalarReference`` allocates its
/// result arrays and ``VectorMath`` writes into caller buffers: the figures
/// compare the two APIs as callers use them.
struct VectorMathBenchmark {
    /// Seconds one timed sample aims at.
    static let targetSeconds = 0.1
    static let seed: UInt64 = 20_240_601
    /// Dot-product lengths. Two vectors of 8 KiB each fit in a 32 KiB L1
    /// data cache. Two of 128 MiB each are larger than the L3 cache of most
    /// CPUs, so they stream from memory; the output lists the cache sizes.
    static let inCacheLength = 1 << 10
    static let outOfCacheLength = 1 << 24

    let options: BenchmarkOptions

    /// One operation timed as a scalar baseline and a SIMD subject. Each
    /// closure runs the operation `count` times and returns the sum of the
    /// results.
    private struct Case {
        var name: String
        var unit: String
        /// Seconds in one `unit`.
        var secondsPerUnit: Double
        var baseline: (Int) -> Double
        var subject: (Int) -> Double
    }

    func run() throws -> ResultTable {
        let model = try LogisticRegressionModel.breastCancer()
        var table = ResultTable(title: "SIMD (VectorMath) against scalar (ScalarReference), \(options.repetitions) repetitions, alternating")
        var cases = [
            dotCase(length: model.columns, label: "one design row"),
            dotCase(length: Self.inCacheLength, label: "in L1 cache"),
            dotCase(length: Self.outOfCacheLength, label: "out of cache"),
        ]
        cases.append(contentsOf: matrixCases(model))

        for item in cases {
            let pairs = try measure(item)
            table.add("\(item.name): ScalarReference (baseline)", pairs.baseline, unit: item.unit)
            table.add("\(item.name): VectorMath", pairs.subject, unit: item.unit)
            table.add("\(item.name): speed-up scalar / SIMD time, per pair", Summary.pairwise(pairs.baseline, pairs.subject, /), unit: "×")
        }
        try addLogDensity(model, to: &table)

        table.note("each sample times one loop of about \(Self.targetSeconds) s, its call count calibrated once per case and variant")
        table.note("design matrix: the bundled breast-cancer data, \(model.rows) rows × \(model.columns) columns (intercept and 30 standardised features)")
        table.note("dot lengths: \(model.columns), \(Self.inCacheLength) (2 × \(Self.inCacheLength * 8 / 1024) KiB) and \(Self.outOfCacheLength) (2 × \((Self.outOfCacheLength * 8) >> 20) MiB) doubles")
        return table
    }

    /// Calibrates both closures, then takes alternating samples in
    /// `unit` per call.
    private func measure(_ item: Case) throws -> (baseline: Summary, subject: Summary) {
        let baselineCount = Stopwatch.calibrate(targetSeconds: Self.targetSeconds) { _ = item.baseline($0) }
        let subjectCount = Stopwatch.calibrate(targetSeconds: Self.targetSeconds) { _ = item.subject($0) }
        let sample = { (body: (Int) -> Double, count: Int) throws -> Double in
            let (sum, seconds) = Stopwatch.time { body(count) }
            guard sum.isFinite else {
                throw BenchmarkError("\(item.name): the sum of \(count) results is \(sum), expected a finite number. The inputs are not what the benchmark generates.")
            }
            return seconds / Double(count) / item.secondsPerUnit
        }
        return try alternate(repetitions: options.repetitions,
                             baseline: { try sample(item.baseline, baselineCount) },
                             subject: { try sample(item.subject, subjectCount) })
    }

    private func dotCase(length: Int, label: String) -> Case {
        let a = Self.uniformValues(count: length, stream: 0)
        var b = Self.uniformValues(count: length, stream: 1)
        let large = length >= Self.outOfCacheLength
        return Case(name: "dot, n = \(length) (\(label))", unit: large ? "ms/call" : "ns/call", secondsPerUnit: large ? 1e-3 : 1e-9,
            baseline: { count in
                var sum = 0.0
                for _ in 0..<count {
                    b[0] = -b[0]
                    sum += ScalarReference.dot(a, b)
                }
                return sum
            },
            subject: { count in
                a.withUnsafeBufferPointer { pa in
                    b.withUnsafeMutableBufferPointer { pb in
                        var sum = 0.0
                        for _ in 0..<count {
                            pb[0] = -pb[0]
                            sum += VectorMath.dot(pa, UnsafeBufferPointer(pb))
                        }
                        return sum
                    }
                }
            })
    }

    private func matrixCases(_ model: LogisticRegressionModel) -> [Case] {
        let rows = model.rows
        let columns = model.columns
        let design = model.design
        var x = Self.uniformValues(count: columns, stream: 2)
        var xTransposed = Self.uniformValues(count: rows, stream: 3)
        var y = [Double](repeating: 0, count: rows)
        var yTransposed = [Double](repeating: 0, count: columns)
        let size = "\(rows) × \(columns)"

        let matrixVector = Case(name: "matrixVector, \(size)", unit: "ns/call", secondsPerUnit: 1e-9,
            baseline: { count in
                var sum = 0.0
                for _ in 0..<count {
                    x[0] = -x[0]
                    sum += ScalarReference.matrixVector(design, rows: rows, columns: columns, x)[0]
                }
                return sum
            },
            subject: { count in
                var sum = 0.0
                for _ in 0..<count {
                    x[0] = -x[0]
                    design.withUnsafeBufferPointer { matrix in
                        x.withUnsafeBufferPointer { vector in
                            y.withUnsafeMutableBufferPointer { result in
                                VectorMath.matrixVector(matrix, rows: rows, columns: columns, vector, into: result)
                            }
                        }
                    }
                    sum += y[0]
                }
                return sum
            })

        let transposed = Case(name: "transposedMatrixVector, \(size)", unit: "ns/call", secondsPerUnit: 1e-9,
            baseline: { count in
                var sum = 0.0
                for _ in 0..<count {
                    xTransposed[0] = -xTransposed[0]
                    sum += ScalarReference.transposedMatrixVector(design, rows: rows, columns: columns, xTransposed)[0]
                }
                return sum
            },
            subject: { count in
                var sum = 0.0
                for _ in 0..<count {
                    xTransposed[0] = -xTransposed[0]
                    design.withUnsafeBufferPointer { matrix in
                        xTransposed.withUnsafeBufferPointer { vector in
                            yTransposed.withUnsafeMutableBufferPointer { result in
                                VectorMath.transposedMatrixVector(matrix, rows: rows, columns: columns, vector, into: result)
                            }
                        }
                    }
                    sum += yTransposed[0]
                }
                return sum
            })
        return [matrixVector, transposed]
    }

    /// Adds evaluations per second of the model's log density with gradient
    /// (SIMD core) against the same formula on ``ScalarReference``, after
    /// checking that both agree at one point.
    private func addLogDensity(_ model: LogisticRegressionModel, to table: inout ResultTable) throws {
        let scalar = ScalarLogisticRegression(model: model)
        var position = Self.uniformValues(count: model.columns, stream: 4).map { $0 - 0.5 }
        var gradient = [Double](repeating: 0, count: model.columns)
        var scalarGradient = gradient

        let simdValue = model.logDensity(at: position, gradient: &gradient)
        let scalarValue = scalar.logDensity(at: position, gradient: &scalarGradient)
        let tolerance = 1e-9 * max(1, abs(scalarValue))
        guard abs(simdValue - scalarValue) <= tolerance else {
            throw BenchmarkError("logistic-regression log density: SIMD \(simdValue) and scalar \(scalarValue) differ by more than \(tolerance)")
        }

        let item = Case(name: "logistic-regression log density + gradient", unit: "s", secondsPerUnit: 1,
            baseline: { count in
                var sum = 0.0
                for _ in 0..<count {
                    position[1] = -position[1]
                    sum += scalar.logDensity(at: position, gradient: &scalarGradient)
                }
                return sum
            },
            subject: { count in
                var sum = 0.0
                for _ in 0..<count {
                    position[1] = -position[1]
                    sum += model.logDensity(at: position, gradient: &gradient)
                }
                return sum
            })
        let pairs = try measure(item)
        let baselineRate = Summary(pairs.baseline.samples.map { 1 / $0 })
        let subjectRate = Summary(pairs.subject.samples.map { 1 / $0 })
        table.add("\(item.name): ScalarReference formula (baseline)", baselineRate, unit: "evaluations/s")
        table.add("\(item.name): LogisticRegressionModel (VectorMath)", subjectRate, unit: "evaluations/s")
        table.add("\(item.name): speed-up, per pair", Summary.pairwise(subjectRate, baselineRate, /), unit: "×")
    }

    /// Uniform values in (0, 1) from `CounterRNG(seed: seed, stream: stream, step: 0)`.
    static func uniformValues(count: Int, stream: UInt32) -> [Double] {
        var generator = CounterRNG(seed: seed, stream: stream, step: 0)
        return (0..<count).map { _ in generator.nextUniform() }
    }
}
