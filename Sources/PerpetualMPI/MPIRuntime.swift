import CMPI

/// Start-up and shut-down of the MPI library for the whole process.
///
/// A process that no launcher started never calls `MPI_Init`: Open MPI 4.1
/// would otherwise start a singleton runtime, which costs about 0.3 s and a
/// helper process. `MPI_Finalize` must run on every exit path of a launched
/// process, or `mpirun` reports the job as failed.
package enum MPIRuntime {
    /// Environment variables that `mpirun` (Open MPI), PMIx launchers and
    /// `srun` set in every rank. A singleton `MPI_Init` sets some of them
    /// itself, so they are read before it.
    package static let launcherVariables = ["OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "SLURM_STEP_ID"]

    /// Returns whether `environment` shows a process started by `mpirun` or `srun`.
    package static func isLaunched(environment: [String: String]) -> Bool {
        launcherVariables.contains { environment[$0] != nil }
    }

    /// Whether `MPI_Init` has run (`MPI_Initialized`).
    package static func isInitialized() throws -> Bool {
        var flag: Int32 = 0
        try MPICall.check("MPI_Initialized") { MPI_Initialized(&flag) }
        return flag != 0
    }

    /// Whether `MPI_Finalize` has run (`MPI_Finalized`).
    package static func isFinalized() throws -> Bool {
        var flag: Int32 = 0
        try MPICall.check("MPI_Finalized") { MPI_Finalized(&flag) }
        return flag != 0
    }

    /// Initialises MPI with `MPI_Init_thread` at `MPI_THREAD_FUNNELED`: only
    /// the main thread calls MPI. Does nothing when MPI is already initialised.
    package static func initialize() throws {
        if try isInitialized() { return }
        var provided: Int32 = 0
        try MPICall.check("MPI_Init_thread") {
            MPI_Init_thread(nil, nil, perpetual_MPI_THREAD_FUNNELED(), &provided)
        }
        // Errors during start-up abort by default; from here on they return.
        try MPICall.check("MPI_Comm_set_errhandler") {
            MPI_Comm_set_errhandler(perpetual_MPI_COMM_WORLD(), perpetual_MPI_ERRORS_RETURN())
        }
    }

    /// Finalises MPI (`MPI_Finalize`) unless it was never initialised or is
    /// already finalised, so every exit path may call it.
    package static func finalize() throws {
        guard try isInitialized(), try !isFinalized() else { return }
        try MPICall.check("MPI_Finalize") { MPI_Finalize() }
    }
}
