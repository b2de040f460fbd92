import Foundation
import PerpetualCLI
import PerpetualCore

/// A kernel whose restore sets element 2 of its array to zero instead of
/// the stored value, so that `verify` must report `values` at index 2.
/// Used by SimrunTests only.
final class ForgetfulKernel: Kernel {
    private(set) var completedSteps = 0
    private var values = [Double](repeating: 0, count: 4)

    var kernelName: String { "forgetful" }
    var totalSteps: Int { 20 }
    var traceSchema: TraceSchema { .empty }

    func advanceStep() throws -> [Double]? {
        completedSteps += 1
        for index in values.indices { values[index] += Double((index + 1) * completedSteps) }
        return nil
    }

    func captureState() -> KernelState {
        var state = KernelState()
        state["step"] = .int64(Int64(completedSteps))
        state["values"] = .array(StateArray(float64: values))
        return state
    }

    func restoreState(_ state: KernelState) throws {
        completedSteps = Int(try state.int64("step"))
        var restored = try state.float64Array("values", count: 4)
        restored[2] = 0
        values = restored
    }
}

/// A declared-state kernel whose declaration gains a field `extra` and
/// version 2 when `FIXTURE_SCHEMA_VERSION=2` is set, so that a resume
/// across the change must fail with a schema mismatch.
final class VersionedKernel: DeclaredStateKernel {
    var completedSteps = 0
    var field = [Double](repeating: 1, count: 8)
    var extra = [Double](repeating: 0, count: 8)

    static var isVersion2: Bool { ProcessInfo.processInfo.environment["FIXTURE_SCHEMA_VERSION"] == "2" }

    static var stateDeclaration: StateDeclaration<VersionedKernel> {
        var fields: [StateField<VersionedKernel>] = [
            .scalar("step", \.completedSteps),
            .array("field", \.field, shape: { _ in [2, 4] }),
        ]
        if isVersion2 {
            fields.append(.array("extra", \.extra, shape: { _ in [8] }))
        }
        return StateDeclaration(version: isVersion2 ? 2 : 1, fields)
    }

    var kernelName: String { "versioned" }
    var totalSteps: Int { 20 }
    var traceSchema: TraceSchema { .empty }

    func advanceStep() throws -> [Double]? {
        completedSteps += 1
        for index in field.indices { field[index] *= 1.5 }
        return nil
    }
}

/// A declared-state kernel that leaves its running sum out of the
/// declaration, so that a restart resets the sum to zero. The declared
/// state still matches after a restart, and only the trace shows the
/// difference: `verify` must report `running_sum` at row 5 for `--steps 5`.
final class UndeclaredSumKernel: DeclaredStateKernel {
    var completedSteps = 0
    var field = [Double](repeating: 1, count: 4)
    private var runningSum = 0.0

    static var stateDeclaration: StateDeclaration<UndeclaredSumKernel> {
        StateDeclaration(version: 1, [
            .scalar("step", \.completedSteps),
            .array("field", \.field, shape: { _ in [4] }),
        ])
    }

    var kernelName: String { "undeclared-sum" }
    var totalSteps: Int { 20 }
    var traceSchema: TraceSchema {
        TraceSchema([
            TraceSchema.Variable(name: "field_sum", group: "fields", shape: [], dimensions: []),
            TraceSchema.Variable(name: "running_sum", group: "fields", shape: [], dimensions: []),
        ], rowDimension: "step")
    }

    func advanceStep() throws -> [Double]? {
        completedSteps += 1
        for index in field.indices { field[index] += 1 }
        let fieldSum = field.reduce(0, +)
        runningSum += fieldSum
        return [fieldSum, runningSum]
    }
}

PerpetualCommandLine.main(kernels: [
    KernelEntry(name: "forgetful", summary: "restores all but one element", options: [],
                make: { _ in ForgetfulKernel() }),
    KernelEntry(name: "versioned", summary: "declared state whose version an environment variable sets", options: [],
                make: { _ in VersionedKernel() }),
    KernelEntry(name: "undeclared-sum", summary: "keeps a running sum outside its declared state", options: [],
                make: { _ in UndeclaredSumKernel() }),
])
