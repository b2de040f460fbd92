// Exposes Open MPI's handle macros to Swift. Open MPI defines MPI_COMM_WORLD,
// the datatypes, the operations and MPI_IN_PLACE as casts of addresses of
// global objects, which Swift does not import, so each gets a function here.
#include <mpi.h>

static inline MPI_Comm perpetual_MPI_COMM_WORLD(void) { return MPI_COMM_WORLD; }
static inline MPI_Comm perpetual_MPI_COMM_NULL(void) { return MPI_COMM_NULL; }

static inline MPI_Datatype perpetual_MPI_DOUBLE(void) { return MPI_DOUBLE; }
static inline MPI_Datatype perpetual_MPI_INT(void) { return MPI_INT; }
static inline MPI_Datatype perpetual_MPI_BYTE(void) { return MPI_BYTE; }

static inline MPI_Op perpetual_MPI_MAX(void) { return MPI_MAX; }
static inline MPI_Op perpetual_MPI_SUM(void) { return MPI_SUM; }

static inline void *perpetual_MPI_IN_PLACE(void) { return MPI_IN_PLACE; }
static inline MPI_Info perpetual_MPI_INFO_NULL(void) { return MPI_INFO_NULL; }
static inline MPI_Errhandler perpetual_MPI_ERRORS_RETURN(void) { return MPI_ERRORS_RETURN; }

static inline int perpetual_MPI_SUCCESS(void) { return MPI_SUCCESS; }
static inline int perpetual_MPI_MAX_ERROR_STRING(void) { return MPI_MAX_ERROR_STRING; }
static inline int perpetual_MPI_THREAD_FUNNELED(void) { return MPI_THREAD_FUNNELED; }
