// Exposes HDF5's high-level dimension scale API (`H5DSset_scale`,
// `H5DSattach_scale`, `H5DSis_scale`) to Swift. The library is linked as
// `hdf5_hl` from the directory that pkg-config `hdf5-openmpi` names.
#include <hdf5.h>
#include <hdf5_hl.h>
