import Foundation
import PerpetualCheckpoint
import PerpetualCore
import PerpetualDiagnostics

/// The draws and thermo series `simrun report` reads from one file.
struct ReportInput {
    var draws: DrawSet?
    /// Series of the `thermo` group by variable name, with the time of each row.
    var thermo: (series: [String: [Double]], time: [Double]?, atomCount: Int?)?
    /// Series of the `training` group by variable name: one row per epoch.
    var training: [String: [Double]]?
    /// Set when the input is an unfinished job, to say how far it got.
    var progressNote: String?
    /// Set instead of any data when an unfinished job has committed no trace
    /// rows yet, for example an MCMC job in warm-up.
    var noRowsYetNote: String?

    /// Reads `path`: a CSV file by its `.csv` suffix, otherwise an HDF5 file
    /// classified by its `format` attribute (checkpoint, trace, or a foreign
    /// file read as InferenceData).
    /// - Throws: ``CheckpointError`` or ``DiagnosticsError`` for unreadable or invalid input.
    static func read(path: String) throws -> ReportInput {
        if path.lowercased().hasSuffix(".csv") {
            return ReportInput(draws: try DrawSet.readCSV(path: path))
        }
        switch try StoredFileKind.identify(path: path) {
        case .checkpoint:
            let tracePath = StoredFileKind.tracePath(forCheckpoint: path)
            if FileManager.default.fileExists(atPath: tracePath) {
                return try fromTrace(try TraceFile.read(path: tracePath), path: tracePath)
            }
            return try fromCommittedTrace(try CommittedTrace.read(checkpointPath: path))
        case .trace:
            return try fromTrace(try TraceFile.read(path: path), path: path)
        case .traceSegment:
            throw CheckpointError(.corrupt, path: path,
                                  detail: "this is one trace segment, not a whole trace; pass the checkpoint or its <stem>.trace.h5 instead",
                                  isInputError: true)
        case .foreign:
            return ReportInput(draws: try fromInferenceData(path: path))
        }
    }

    /// Posterior draws and thermo series of a Perpetual trace.
    static func fromTrace(_ trace: TraceFile, path: String) throws -> ReportInput {
        var input = ReportInput()
        let posterior = trace.schema.variables.filter { $0.group == "posterior" && $0.dimensions.first == "chain" }
        if !posterior.isEmpty {
            var parameters: [DrawSet.Parameter] = []
            for variable in posterior {
                let shape = trace.shape(of: variable.name, group: "posterior")
                parameters += scalarParameters(name: variable.name, shape: shape, values: trace.values(of: variable.name, group: "posterior"))
            }
            let chainCount = posterior[0].shape[0]
            input.draws = DrawSet(source: path, parameters: parameters, chainLabels: (0..<chainCount).map(String.init))
        }
        let thermo = trace.schema.variables.filter { $0.group == "thermo" && $0.shape.isEmpty }
        if !thermo.isEmpty {
            var series: [String: [Double]] = [:]
            for variable in thermo {
                series[variable.name] = trace.values(of: variable.name, group: "thermo")
            }
            let time = series.removeValue(forKey: "time")
            input.thermo = (series, time, nil)
        }
        let training = trace.schema.variables.filter { $0.group == "training" && $0.shape.isEmpty }
        if !training.isEmpty {
            input.training = Dictionary(uniqueKeysWithValues: training.map { ($0.name, trace.values(of: $0.name, group: "training")) })
        }
        if input.draws == nil, input.thermo == nil, input.training == nil {
            throw unsupportedTrace(trace.schema, source: path)
        }
        return input
    }

    /// Builds the error for a trace of a kernel that `report` has no
    /// diagnostics for, because it reads only MCMC draws, MD thermo series and training curves.
    static func unsupportedTrace(_ schema: TraceSchema, source: String) -> DiagnosticsError {
        var groups: [String] = []
        for variable in schema.variables where !groups.contains(variable.group) {
            groups.append(variable.group)
        }
        let quoted = groups.map { "'\($0)'" }.joined(separator: ", ")
        let listed = groups.isEmpty ? "no variables" : (groups.count == 1 ? "group " : "groups ") + quoted
        return DiagnosticsError(.noDraws, source: source,
                                detail: "the trace's kernel has no report yet: report reads MCMC draws (group 'posterior' with a 'chain' dimension, written by the mcmc kernel) MD thermo series (group 'thermo', written by the md kernel) and training curves (group 'training', written by the train kernel), and this trace has \(listed). Read it with h5dump, h5py or a netCDF reader instead")
    }

    /// Posterior draws and thermo series committed so far by an unfinished job.
    static func fromCommittedTrace(_ trace: CommittedTrace) throws -> ReportInput {
        let source = trace.checkpointPath
        var input = ReportInput()
        guard trace.rowCount > 0 else {
            input.noRowsYetNote = "\(source): no draws yet. The job is at step \(trace.step) of \(trace.totalSteps) and its checkpoint holds no trace rows; an MCMC job in warm-up writes none. Report again after it has sampled."
            return input
        }
        input.progressNote = "the job is at step \(trace.step) of \(trace.totalSteps); this report covers the \(trace.rowCount) trace rows committed so far"
        let parameters = ChainMatrix.parameters(fromRows: trace.rows, schema: trace.schema)
        if let first = parameters.first {
            input.draws = DrawSet(source: source,
                                  parameters: parameters.map { parameter in
                                      DrawSet.Parameter(name: parameter.name, chains: (0..<parameter.matrix.chainCount).map { Array(parameter.matrix.chain($0)) })
                                  },
                                  chainLabels: (0..<first.matrix.chainCount).map(String.init))
        }
        var series = scalarSeries(of: trace, group: "thermo")
        if !series.isEmpty {
            let time = series.removeValue(forKey: "time")
            input.thermo = (series, time, nil)
        }
        let training = scalarSeries(of: trace, group: "training")
        if !training.isEmpty {
            input.training = training
        }
        if input.draws == nil, input.thermo == nil, input.training == nil {
            throw unsupportedTrace(trace.schema, source: source)
        }
        return input
    }

    /// Returns the scalar variables of `group` in committed trace rows, by name.
    private static func scalarSeries(of trace: CommittedTrace, group: String) -> [String: [Double]] {
        var offset = 0
        var series: [String: [Double]] = [:]
        for variable in trace.schema.variables {
            if variable.group == group, variable.shape.isEmpty {
                let column = offset
                series[variable.name] = (0..<trace.rowCount).map { trace.rows[$0 * trace.schema.rowLength + column] }
            }
            offset += variable.valuesPerRow
        }
        return series
    }

    /// Posterior draws of an InferenceData netCDF file: each variable of
    /// group `posterior` shaped `[chain, draw, …]`.
    static func fromInferenceData(path: String) throws -> DrawSet {
        let variables = try InferenceDataFile.variables(path: path, group: "posterior")
        guard let first = variables.first else {
            throw DiagnosticsError(.noDraws, source: path, detail: "group 'posterior' has no variable shaped [chain, draw, …]")
        }
        var parameters: [DrawSet.Parameter] = []
        for variable in variables {
            guard variable.shape[0] == first.shape[0], variable.shape[1] == first.shape[1] else {
                throw DiagnosticsError(.raggedChains, source: path,
                                       detail: "posterior variable '\(variable.name)' has \(variable.shape[0]) chains × \(variable.shape[1]) draws, '\(first.name)' \(first.shape[0]) × \(first.shape[1])")
            }
            parameters += scalarParameters(name: variable.name, shape: variable.shape, values: variable.values,
                                           labels: Array(variable.coordinateLabels.dropFirst(2)))
        }
        return DrawSet(source: path, parameters: parameters, chainLabels: first.coordinateLabels[0],
                       drawLabels: Array(repeating: first.coordinateLabels[1], count: first.shape[0]))
    }

    /// Splits a `[chain, draw, rest…]` array into one scalar parameter per
    /// element of `rest`, named as ArviZ labels them: `theta[3]`, `x[0, 1]`,
    /// or with the coordinate values `labels[axis]` of each `rest` axis,
    /// `theta[Choate]`.
    static func scalarParameters(name: String, shape: [Int], values: [Double], labels: [[String]]? = nil) -> [DrawSet.Parameter] {
        let chains = shape[0]
        let draws = shape[1]
        let rest = Array(shape.dropFirst(2))
        let restCount = rest.reduce(1, *)
        return (0..<restCount).map { element in
            let index = multiIndex(element, shape: rest)
            let coordinates = index.enumerated().map { axis, position in labels?[axis][position] ?? String(position) }
            let label = rest.isEmpty ? name : "\(name)[\(coordinates.joined(separator: ", "))]"
            let chainDraws = (0..<chains).map { chain in
                (0..<draws).map { draw in values[(chain * draws + draw) * restCount + element] }
            }
            return DrawSet.Parameter(name: label, chains: chainDraws)
        }
    }

    private static func multiIndex(_ flat: Int, shape: [Int]) -> [Int] {
        var remainder = flat
        var index = [Int](repeating: 0, count: shape.count)
        for axis in shape.indices.reversed() {
            index[axis] = remainder % shape[axis]
            remainder /= shape[axis]
        }
        return index
    }
}
