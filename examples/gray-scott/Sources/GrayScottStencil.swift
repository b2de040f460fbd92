/// One forward-Euler step of the Gray-Scott equations on a periodic grid.
///
/// Interior runs of four cells go through `SIMD4<Double>`. The first and
/// last cells of each row, whose neighbours wrap around, are done one at a
/// time. Both paths use the same operations in the same order, so a cell's
/// result does not depend on the path.
enum GrayScottStencil {
    static func step(u: [Double], v: [Double], nextU: inout [Double], nextV: inout [Double],
                     configuration: GrayScottConfiguration) {
        let size = configuration.size
        u.withUnsafeBufferPointer { u in
            v.withUnsafeBufferPointer { v in
                nextU.withUnsafeMutableBufferPointer { nextU in
                    nextV.withUnsafeMutableBufferPointer { nextV in
                        for y in 0..<size {
                            let rows = Rows(y: y, size: size)
                            updateRow(rows, u: u, v: v, nextU: nextU, nextV: nextV, configuration)
                        }
                    }
                }
            }
        }
    }

    /// Start indices of a row and of its periodic neighbours above and below.
    struct Rows {
        var center: Int
        var above: Int
        var below: Int

        init(y: Int, size: Int) {
            center = y * size
            above = ((y + size - 1) % size) * size
            below = ((y + 1) % size) * size
        }
    }

    private static func updateRow(_ rows: Rows, u: UnsafeBufferPointer<Double>, v: UnsafeBufferPointer<Double>,
                                  nextU: UnsafeMutableBufferPointer<Double>, nextV: UnsafeMutableBufferPointer<Double>,
                                  _ configuration: GrayScottConfiguration) {
        let size = configuration.size
        updateCell(x: 0, rows, u: u, v: v, nextU: nextU, nextV: nextV, configuration)
        var x = 1
        while x + 4 <= size - 1 {
            updateFourCells(x: x, rows, u: u, v: v, nextU: nextU, nextV: nextV, configuration)
            x += 4
        }
        while x < size {
            updateCell(x: x, rows, u: u, v: v, nextU: nextU, nextV: nextV, configuration)
            x += 1
        }
    }

    private static func updateCell(x: Int, _ rows: Rows, u: UnsafeBufferPointer<Double>, v: UnsafeBufferPointer<Double>,
                                   nextU: UnsafeMutableBufferPointer<Double>, nextV: UnsafeMutableBufferPointer<Double>,
                                   _ configuration: GrayScottConfiguration) {
        let size = configuration.size
        let left = (x + size - 1) % size, right = (x + 1) % size
        let here = rows.center + x
        let laplacianU = u[rows.above + x] + u[rows.below + x] + u[rows.center + left] + u[rows.center + right] - 4 * u[here]
        let laplacianV = v[rows.above + x] + v[rows.below + x] + v[rows.center + left] + v[rows.center + right] - 4 * v[here]
        let reaction = u[here] * v[here] * v[here]
        nextU[here] = u[here] + configuration.dt * (configuration.diffusionU * laplacianU - reaction + configuration.feed * (1 - u[here]))
        nextV[here] = v[here] + configuration.dt * (configuration.diffusionV * laplacianV + reaction - (configuration.feed + configuration.kill) * v[here])
    }

    /// Updates cells `x..<x+4`, which must all have both horizontal
    /// neighbours inside the row (1 ≤ x and x + 4 ≤ size − 1).
    private static func updateFourCells(x: Int, _ rows: Rows, u: UnsafeBufferPointer<Double>, v: UnsafeBufferPointer<Double>,
                                        nextU: UnsafeMutableBufferPointer<Double>, nextV: UnsafeMutableBufferPointer<Double>,
                                        _ configuration: GrayScottConfiguration) {
        let here = rows.center + x
        let centerU = load(u, here), centerV = load(v, here)
        let laplacianU = load(u, rows.above + x) + load(u, rows.below + x) + load(u, here - 1) + load(u, here + 1) - 4 * centerU
        let laplacianV = load(v, rows.above + x) + load(v, rows.below + x) + load(v, here - 1) + load(v, here + 1) - 4 * centerV
        let reaction = centerU * centerV * centerV
        let dt = SIMD4(repeating: configuration.dt)
        let newU = centerU + dt * (configuration.diffusionU * laplacianU - reaction + configuration.feed * (1 - centerU))
        let newV = centerV + dt * (configuration.diffusionV * laplacianV + reaction - (configuration.feed + configuration.kill) * centerV)
        for lane in 0..<4 {
            nextU[here + lane] = newU[lane]
            nextV[here + lane] = newV[lane]
        }
    }

    private static func load(_ buffer: UnsafeBufferPointer<Double>, _ index: Int) -> SIMD4<Double> {
        SIMD4(buffer[index], buffer[index + 1], buffer[index + 2], buffer[index + 3])
    }
}
