import PerpetualCore
import Testing
@testable import PerpetualMD

/// Integrator, force loops and restart of the MD kernel on small systems.
struct DynamicsTests {
    /// Runs `kernel` for `steps` steps and returns its thermo rows.
    static func run(_ kernel: MDKernel, steps: Int) throws -> [[Double]] {
        var rows: [[Double]] = []
        for _ in 0..<steps {
            if let row = try kernel.advanceStep() { rows.append(row) }
        }
        return rows
    }

    static func totalEnergy(_ row: [Double]) -> Double {
        row[ThermoSample.columns.firstIndex(of: "total_energy")!]
    }

    @Test func shiftedPotentialConservesEnergy() throws {
        // 500 atoms, 1000 steps of dt 0.005 with the energy shifted to zero
        // at r_c. ΔE is the change from step 0 to step 1000. The reported
        // energy also fluctuates: about 9e-4 per atom while the lattice melts
        // in the first ten steps, below 2e-4 afterwards.
        var configuration = MDConfiguration(cells: 5, steps: 1000, seed: 11, shiftEnergy: true)
        configuration.thermoEvery = 10
        let kernel = try MDKernel(configuration: configuration)
        let initial = kernel.initialThermo.totalEnergy
        let rows = try Self.run(kernel, steps: 1000)
        let drift = Self.totalEnergy(rows.last!) - initial
        let lateEnergies = rows.suffix(50).map(Self.totalEnergy)
        let lateMeanDrift = lateEnergies.reduce(0, +) / Double(lateEnergies.count) - initial

        #expect(rows.count == 101)
        #expect(rows.first == kernel.initialThermo.row)
        #expect(abs(drift) < 5e-4, "ΔE/N from step 0 to 1000: \(drift)")
        #expect(abs(lateMeanDrift) < 5e-4, "mean E/N over steps 510...1000 minus E/N at step 0: \(lateMeanDrift)")
        #expect(kernel.neighborListBuilds > 1, "the run should rebuild its neighbour list")
    }

    @Test func simdMatchesScalarForces() throws {
        // A melted state, so that forces are far from zero.
        let melt = try MDKernel(configuration: MDConfiguration(cells: 5, steps: 100, seed: 3))
        _ = try Self.run(melt, steps: 100)
        let state = melt.particleState()
        var scalar = MDConfiguration(cells: 5, steps: 50, seed: 3)
        scalar.forceLoop = .scalar
        var simd = scalar
        simd.forceLoop = .simd
        let scalarKernel = try MDKernel(configuration: scalar, initialState: state)
        let simdKernel = try MDKernel(configuration: simd, initialState: state)

        let scalarForces = scalarKernel.forces()
        let simdForces = simdKernel.forces()
        let reference = scalarForces.x + scalarForces.y + scalarForces.z
        let largestForce = reference.map(abs).max()!
        let largestDifference = zip(reference, simdForces.x + simdForces.y + simdForces.z).map { abs($0 - $1) }.max()!
        #expect(largestForce > 1)
        // Sums of about 27,000 pair terms: the two loops add them in different orders.
        #expect(largestDifference <= 1e-13 * largestForce, "largest force difference \(largestDifference) of \(largestForce)")
        let scalarThermo = scalarKernel.initialThermo, simdThermo = simdKernel.initialThermo
        #expect(abs(scalarThermo.potentialEnergy - simdThermo.potentialEnergy) <= 1e-12 * abs(scalarThermo.potentialEnergy))
        #expect(abs(scalarThermo.pressure - simdThermo.pressure) <= 1e-12 * abs(scalarThermo.pressure))

        // Round-off grows along the trajectory but stays far below physics.
        let scalarRows = try Self.run(scalarKernel, steps: 50)
        let simdRows = try Self.run(simdKernel, steps: 50)
        let energyGap = abs(Self.totalEnergy(scalarRows.last!) - Self.totalEnergy(simdRows.last!))
        #expect(energyGap < 1e-10, "total energy per atom differs by \(energyGap) after 50 steps")
    }

    @Test(arguments: [MDConfiguration.Thermostat.none, .langevin])
    func restoredKernelContinuesBitExactly(thermostat: MDConfiguration.Thermostat) throws {
        var configuration = MDConfiguration(cells: 4, steps: 120, seed: 5, thermostat: thermostat)
        configuration.thermoEvery = 7
        let reference = try MDKernel(configuration: configuration)
        let referenceRows = try Self.run(reference, steps: 120)

        let first = try MDKernel(configuration: configuration)
        var rows = try Self.run(first, steps: 53)
        let state = first.captureState()
        let second = try MDKernel(configuration: configuration)
        try second.restoreState(state)
        rows += try Self.run(second, steps: 67)

        #expect(second.completedSteps == 120)
        #expect(rows == referenceRows)
        #expect(second.captureState() == reference.captureState())
    }

    @Test(arguments: [MDConfiguration.Thermostat.none, .langevin])
    func restoreKeepsNeighborSchedule(thermostat: MDConfiguration.Thermostat) throws {
        // Builds every 20 steps since the last one; the stop at step 53 falls
        // between builds, so the restored kernel must keep counting from 40.
        var configuration = MDConfiguration(cells: 4, steps: 100, seed: 5, thermostat: thermostat)
        configuration.neighborEvery = 20
        configuration.neighborCheck = false
        let reference = try MDKernel(configuration: configuration)
        let referenceRows = try Self.run(reference, steps: 100)

        let first = try MDKernel(configuration: configuration)
        var rows = try Self.run(first, steps: 53)
        let second = try MDKernel(configuration: configuration)
        try second.restoreState(first.captureState())
        let buildsAtRestore = second.neighborListBuilds
        rows += try Self.run(second, steps: 47)

        #expect(reference.neighborListBuilds == 6, "set-up build and steps 20, 40, 60, 80, 100")
        #expect(second.neighborListBuilds - buildsAtRestore == 3, "steps 60, 80 and 100")
        #expect(rows == referenceRows)
        #expect(second.captureState() == reference.captureState())
    }

    @Test func neighborCheckRebuildsOnlyWhenNeeded() throws {
        // The same start with the default schedule (consider every step,
        // rebuild on a half-skin move) and with rebuilds every 20 steps.
        let checked = try MDKernel(configuration: MDConfiguration(cells: 4, steps: 100, seed: 5))
        _ = try Self.run(checked, steps: 100)
        var configuration = MDConfiguration(cells: 4, steps: 100, seed: 5)
        configuration.neighborEvery = 20
        configuration.neighborCheck = false
        let unchecked = try MDKernel(configuration: configuration)
        _ = try Self.run(unchecked, steps: 100)

        #expect(checked.neighborListBuilds > 6, "the melting lattice moves atoms by half the skin within 20 steps")
        #expect(checked.dangerousBuilds == 0)
        #expect(unchecked.neighborListBuilds == 6)
        #expect(unchecked.dangerousBuilds > 0, "the same moves make some unchecked builds dangerous")
    }

    @Test func thermoTraceStartsAtStepZero() throws {
        var configuration = MDConfiguration(cells: 4, steps: 25, seed: 5)
        configuration.thermoEvery = 10
        let kernel = try MDKernel(configuration: configuration)
        let rows = try Self.run(kernel, steps: 25)

        #expect(rows.map { $0[0] } == [0, 10, 20, 25])
        #expect(rows.first == kernel.initialThermo.row)
    }

    @Test func thermoEveryStepHasNoStepZeroRow() throws {
        var configuration = MDConfiguration(cells: 4, steps: 3, seed: 5)
        configuration.thermoEvery = 1
        let kernel = try MDKernel(configuration: configuration)
        let rows = try Self.run(kernel, steps: 3)

        #expect(rows.map { $0[0] } == [1, 2, 3])
    }

    @Test func restoreRejectsOtherNeighborSchedule() throws {
        let kernel = try MDKernel(configuration: MDConfiguration(cells: 4, steps: 10, seed: 5))
        var configuration = MDConfiguration(cells: 4, steps: 10, seed: 5)
        configuration.neighborEvery = 20
        let other = try MDKernel(configuration: configuration)

        let error = #expect(throws: KernelStateError.self) { try other.restoreState(kernel.captureState()) }
        #expect(error?.entry == "configuration/neighbor_every")
    }

    @Test func restoreRejectsOtherInitialState() throws {
        // Same ids, box and settings; one velocity differs in its last bit.
        let configuration = MDConfiguration(cells: 4, steps: 10, seed: 5)
        var state = FCCLattice.state(cells: 4, density: configuration.density)
        VelocityInitialization.assign(to: &state, temperature: configuration.temperature, seed: 5)
        let kernel = try MDKernel(configuration: configuration, initialState: state)
        state.vx[7] = state.vx[7].nextUp
        let other = try MDKernel(configuration: configuration, initialState: state)

        let error = #expect(throws: KernelStateError.self) { try other.restoreState(kernel.captureState()) }
        #expect(error?.entry == "initial_state/fingerprint")
    }

    @Test func zeroNeighborEveryIsRejected() throws {
        var configuration = MDConfiguration(cells: 4, steps: 10, seed: 1)
        configuration.neighborEvery = 0
        let error = #expect(throws: MDConfigurationError.self) { try configuration.validate() }
        #expect(error?.field == "neighborEvery")
    }

    @Test func langevinHoldsTemperature() throws {
        // Start cold; the thermostat heats the system to its target.
        var configuration = MDConfiguration(cells: 4, steps: 2000, seed: 9, temperature: 1.0, thermostat: .langevin)
        configuration.damping = 0.1
        configuration.thermoEvery = 10
        var state = FCCLattice.state(cells: 4, density: configuration.density)
        state.vx = state.vx.map { _ in 0 }
        let kernel = try MDKernel(configuration: configuration, initialState: state)
        let rows = try Self.run(kernel, steps: 2000)
        let temperatures = rows.suffix(100).map { $0[1] }
        let mean = temperatures.reduce(0, +) / Double(temperatures.count)

        #expect(kernel.initialThermo.temperature == 0)
        #expect(abs(mean - 1.0) < 0.05, "mean temperature over the last 1000 steps \(mean)")
    }

    @Test func restoreRejectsOtherSeed() throws {
        let kernel = try MDKernel(configuration: MDConfiguration(cells: 4, steps: 10, seed: 5, thermostat: .langevin))
        let other = try MDKernel(configuration: MDConfiguration(cells: 4, steps: 10, seed: 6, thermostat: .langevin))

        #expect(throws: KernelStateError.self) { try other.restoreState(kernel.captureState()) }
    }

    @Test func tooSmallBoxIsRejected() throws {
        let error = #expect(throws: MDConfigurationError.self) {
            _ = try MDKernel(configuration: MDConfiguration(cells: 1, steps: 10, seed: 1))
        }
        #expect(error?.field == "box")
    }

    @Test func velocitiesHaveZeroMomentumAndTargetTemperature() throws {
        var state = FCCLattice.state(cells: 3, density: 0.8442)
        VelocityInitialization.assign(to: &state, temperature: 1.44, seed: 42)
        let momentum = [state.vx, state.vy, state.vz].map { abs($0.reduce(0, +)) }
        let sumOfSquares = ScalarReference.dot(state.vx, state.vx) + ScalarReference.dot(state.vy, state.vy)
            + ScalarReference.dot(state.vz, state.vz)

        #expect(momentum.max()! < 1e-12, "total momentum \(momentum)")
        #expect(abs(sumOfSquares / Double(3 * state.count - 3) - 1.44) < 1e-12)
    }
}
