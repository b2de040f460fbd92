// Exposes HDF5 macros to Swift. The `H5F_ACC_*` flags and the default
// property list are plain macros. The `H5T_*` and `H5P_*` identifiers expand
// to global variables that contain valid ids only after `H5open()`, so callers
// must open the library before they call the type and class functions.
#include <hdf5.h>

// File access flags for H5Fcreate and H5Fopen.
static inline unsigned perpetual_H5F_ACC_RDONLY(void) { return H5F_ACC_RDONLY; }
static inline unsigned perpetual_H5F_ACC_RDWR(void) { return H5F_ACC_RDWR; }
static inline unsigned perpetual_H5F_ACC_TRUNC(void) { return H5F_ACC_TRUNC; }
static inline unsigned perpetual_H5F_ACC_EXCL(void) { return H5F_ACC_EXCL; }

// Default ids, typed as hid_t (Swift imports the bare macros as Int32).
static inline hid_t perpetual_H5P_DEFAULT(void) { return H5P_DEFAULT; }
static inline hid_t perpetual_H5E_DEFAULT(void) { return H5E_DEFAULT; }

// Property list classes for H5Pcreate.
static inline hid_t perpetual_H5P_FILE_ACCESS(void) { return H5P_FILE_ACCESS; }
static inline hid_t perpetual_H5P_FILE_CREATE(void) { return H5P_FILE_CREATE; }
static inline hid_t perpetual_H5P_LINK_CREATE(void) { return H5P_LINK_CREATE; }
static inline hid_t perpetual_H5P_DATASET_CREATE(void) { return H5P_DATASET_CREATE; }

// Memory types of this machine.
static inline hid_t perpetual_H5T_NATIVE_DOUBLE(void) { return H5T_NATIVE_DOUBLE; }
static inline hid_t perpetual_H5T_NATIVE_INT64(void) { return H5T_NATIVE_INT64; }
static inline hid_t perpetual_H5T_NATIVE_UINT32(void) { return H5T_NATIVE_UINT32; }
static inline hid_t perpetual_H5T_NATIVE_UINT64(void) { return H5T_NATIVE_UINT64; }

// File types with a fixed byte order, so files read the same on every host.
static inline hid_t perpetual_H5T_IEEE_F64LE(void) { return H5T_IEEE_F64LE; }
static inline hid_t perpetual_H5T_STD_I64LE(void) { return H5T_STD_I64LE; }
static inline hid_t perpetual_H5T_STD_U32LE(void) { return H5T_STD_U32LE; }
static inline hid_t perpetual_H5T_STD_U64LE(void) { return H5T_STD_U64LE; }

// The C string type, the base of every string datatype.
static inline hid_t perpetual_H5T_C_S1(void) { return H5T_C_S1; }

// Size that marks a variable-length string type in H5Tset_size.
static inline size_t perpetual_H5T_VARIABLE(void) { return H5T_VARIABLE; }

// Property list class of data transfers (H5Dwrite, H5Dread).
static inline hid_t perpetual_H5P_DATASET_XFER(void) { return H5P_DATASET_XFER; }

// The MPI-IO driver takes an MPI_Info; Open MPI's MPI_INFO_NULL is a macro
// over a global object.
static inline MPI_Info perpetual_hdf5_MPI_INFO_NULL(void) { return MPI_INFO_NULL; }
