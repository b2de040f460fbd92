import PerpetualCheckpoint
import PerpetualCore
import PerpetualDiagnostics

extension JobRunner {
    /// Builds the check of `--stop-when-converged`, or returns `nil` when the
    /// option is off or the kernel cannot end early.
    ///
    /// A resumed job's earlier draws are read once here, on rank 0, from the
    /// trace segments of the checkpoint it resumed from. The check assesses
    /// them together with the new ones. Collective: a read failure on rank 0
    /// is thrown on every rank.
    /// - Throws: ``UsageError`` for invalid option values, ``CheckpointError``
    ///   when the committed rows cannot be read or their count differs from
    ///   the checkpoint's.
    func makeConvergenceCheck(_ values: OptionValues, kernel: any Kernel, checkpointPath: String,
                              committedTraceRows: Int) throws -> ConvergenceCheck? {
        guard let settings = try ConvergenceStopSettings.parse(values) else { return nil }
        guard kernel is any EarlyCompletionKernel else {
            logger.warning("--stop-when-converged is ignored: kernel '\(kernel.kernelName)' cannot end before its last step")
            return nil
        }

        var committedRows: [Double] = []
        if committedTraceRows > 0 {
            try communicator.onRoot {
                let committed = try CommittedTrace.read(checkpointPath: checkpointPath)
                guard committed.rowCount == committedTraceRows else {
                    throw CheckpointError(.corrupt, path: committed.checkpointPath,
                                          detail: "the newest checkpoint commits \(committed.rowCount) trace rows, the resumed one \(committedTraceRows); resume again so that both are the same generation")
                }
                committedRows = committed.rows
            }
        }
        let check = ConvergenceCheck(schema: kernel.traceSchema, criteria: settings.criteria,
                                     checkInterval: settings.checkInterval,
                                     minimumDraws: max(settings.checkInterval, 100),
                                     committedRowCount: committedTraceRows, committedRows: committedRows)
        if communicator.isRoot {
            let criteria = settings.criteria
            logger.info("stopping when converged: R-hat < \(criteria.rhatThreshold), bulk and tail ESS ≥ \(NumberFormat.short(criteria.essThreshold)), first check at \(check.minimumDraws) draws per chain")
        }
        return check
    }
}
