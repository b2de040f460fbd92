import PerpetualCore

/// Gray-Scott reaction-diffusion on a periodic square grid, advanced by
/// forward Euler with the 5-point Laplacian (grid spacing 1):
///
///     u' = Du ∇²u − u v² + F (1 − u)
///     v' = Dv ∇²v + u v² − (F + k) v
///
/// The grid starts at u = 1, v = 0, with a central square of u = 0.5,
/// v = 0.25, each cell perturbed by up to ±1 % from a counter-based random
/// stream, so the pattern depends on the seed only.
///
/// Its checkpointed state is declared once in ``stateDeclaration``: the step
/// counter and the two concentration fields. Everything else follows from the
/// configuration.
final class GrayScottKernel: DeclaredStateKernel {
    let configuration: GrayScottConfiguration
    private(set) var completedSteps = 0
    private(set) var u: [Double]
    private(set) var v: [Double]
    /// Buffers of the next step; swapped with `u` and `v` after each step.
    private var nextU: [Double]
    private var nextV: [Double]

    static var stateDeclaration: StateDeclaration<GrayScottKernel> {
        StateDeclaration(version: 1, [
            .scalar("step", \.completedSteps),
            .array("u", \.u, shape: { [$0.configuration.size, $0.configuration.size] }),
            .array("v", \.v, shape: { [$0.configuration.size, $0.configuration.size] }),
        ])
    }

    init(configuration: GrayScottConfiguration) {
        self.configuration = configuration
        (u, v) = Self.initialFields(configuration)
        nextU = u
        nextV = v
    }

    var kernelName: String { "gray-scott" }

    var totalSteps: Int { configuration.iterations }

    /// One row every `sampleInterval` steps: the mean of u and of v.
    var traceSchema: TraceSchema {
        TraceSchema([
            TraceSchema.Variable(name: "mean_u", group: "fields", shape: [], dimensions: []),
            TraceSchema.Variable(name: "mean_v", group: "fields", shape: [], dimensions: []),
        ], rowDimension: "sample")
    }

    var progressNote: String? {
        "mean v \(v.reduce(0, +) / Double(v.count))"
    }

    func advanceStep() throws -> [Double]? {
        GrayScottStencil.step(u: u, v: v, nextU: &nextU, nextV: &nextV, configuration: configuration)
        swap(&u, &nextU)
        swap(&v, &nextV)
        completedSteps += 1
        guard completedSteps % configuration.sampleInterval == 0 else { return nil }
        let count = Double(u.count)
        return [u.reduce(0, +) / count, v.reduce(0, +) / count]
    }

    /// Builds the starting fields from the seed: stream 0 of step 0 of a
    /// ``CounterRNG``, one uniform number per field value of the central square.
    static func initialFields(_ configuration: GrayScottConfiguration) -> (u: [Double], v: [Double]) {
        let size = configuration.size
        var u = [Double](repeating: 1, count: size * size)
        var v = [Double](repeating: 0, count: size * size)
        var random = CounterRNG(seed: configuration.seed, stream: 0, step: 0)
        let square = (size * 3 / 8)..<(size * 5 / 8)
        for y in square {
            for x in square {
                u[y * size + x] = 0.5 * (1 + 0.02 * (random.nextUniform() - 0.5))
                v[y * size + x] = 0.25 * (1 + 0.02 * (random.nextUniform() - 0.5))
            }
        }
        return (u, v)
    }
}
