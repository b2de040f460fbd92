import PerpetualCore
import PerpetualMPI

/// Start and end of MPI for a process that may or may not run under a launcher.
public enum MPIEnvironment {
    /// Whether `environment` shows a process started by `mpirun` or `srun`
    /// (`OMPI_COMM_WORLD_SIZE`, `PMIX_RANK` or `SLURM_STEP_ID` is set). Read
    /// it before any MPI call, because a singleton `MPI_Init` sets some of
    /// these variables itself.
    public static func isLaunched(environment: [String: String]) -> Bool {
        MPIRuntime.isLaunched(environment: environment)
    }

    /// Returns the communicator of this process: an ``MPICommunicator`` over
    /// all ranks after `MPI_Init_thread` when a launcher started the process,
    /// else a ``SingleProcessCommunicator`` without touching MPI.
    ///
    /// Call ``finish()`` on every exit path afterwards.
    /// - Throws: ``CoordinationError`` when MPI initialisation fails.
    public static func start(environment: [String: String]) throws -> any Communicator {
        guard isLaunched(environment: environment) else {
            return SingleProcessCommunicator()
        }
        do {
            try MPIRuntime.initialize()
            return MPICommunicator(comm: try MPIComm.world())
        } catch let error as MPIError {
            throw CoordinationError(rank: -1, operation: error.operation, message: error.message, code: error.code)
        }
    }

    /// Finalises MPI (`MPI_Finalize`) if it was initialised and not yet
    /// finalised; does nothing for a single-process run.
    /// - Throws: ``CoordinationError`` when `MPI_Finalize` fails.
    public static func finish() throws {
        do {
            try MPIRuntime.finalize()
        } catch let error as MPIError {
            throw CoordinationError(rank: -1, operation: error.operation, message: error.message, code: error.code)
        }
    }
}
