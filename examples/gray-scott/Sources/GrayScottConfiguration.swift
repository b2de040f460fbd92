/// Settings of a Gray-Scott job; every one of them changes the result.
struct GrayScottConfiguration: Sendable {
    /// Cells per side of the square periodic grid.
    var size: Int
    /// Steps of the whole job.
    var iterations: Int
    /// Feed rate F.
    var feed: Double
    /// Kill rate k.
    var kill: Double
    /// Diffusion coefficients of u and v, in cells² per time unit.
    var diffusionU: Double
    var diffusionV: Double
    /// Time step. Forward Euler with the 5-point Laplacian is stable for
    /// dt · max(Du, Dv) ≤ 0.25.
    var dt: Double
    /// Seed of the initial perturbation.
    var seed: UInt64
    /// Steps between two trace rows.
    var sampleInterval: Int
}
