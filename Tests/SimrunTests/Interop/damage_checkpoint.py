"""Write hostile values into a Perpetual checkpoint with h5py.

Usage: python3 damage_checkpoint.py CHECKPOINT CASE

Each case changes one thing and, where the value sits in a checksummed
dataset, stores the matching xxh64 so that the reader gets past the
checksum to the value itself.
"""
import sys

import h5py
import numpy as np
import xxhash


def checksum_of(values):
    return np.uint64(xxhash.xxh64(np.ascontiguousarray(values).astype("<" + values.dtype.str[1:]).tobytes(), seed=0).intdigest())


def replace_dataset(group, name, shape, dtype, data=None):
    """Replace a dataset by one of another shape, keeping its attributes.
    Without data, HDF5 allocates no storage, so a huge shape costs nothing
    on disk."""
    old = group[name]
    attributes = {key: old.attrs[key] for key in old.attrs}
    del group[name]
    new = group.create_dataset(name, shape=shape, dtype=dtype, data=data)
    for key, value in attributes.items():
        new.attrs[key] = value
    return new


def set_checksummed_scalar(group, name, value, dtype):
    array = np.array(value, dtype=dtype)
    new = replace_dataset(group, name, (), dtype, data=array)
    new.attrs["xxh64"] = checksum_of(array.reshape(1))


def set_checksummed_string(group, name, text):
    old = group[name]
    attributes = {key: old.attrs[key] for key in old.attrs}
    del group[name]
    new = group.create_dataset(name, data=text, dtype=h5py.string_dtype("utf-8"))
    for key, value in attributes.items():
        new.attrs[key] = value
    new.attrs["xxh64"] = np.uint64(xxhash.xxh64(text.encode("utf-8"), seed=0).intdigest())


def first_array(group):
    """Return the path, relative to group, of its first array dataset."""
    found = []
    group.visititems(lambda name, item: found.append(name) if isinstance(item, h5py.Dataset) and item.shape != () else None)
    if not found:
        raise SystemExit("no array dataset in " + group.name)
    return sorted(found)[0]


def main():
    path, case = sys.argv[1], sys.argv[2]
    with h5py.File(path, "r+") as f:
        state = f["state"]
        harness = f["harness"]
        if case == "huge-dimension":
            name = first_array(state)
            replace_dataset(state, name, (2**40,), state[name].dtype)
        elif case == "overflowing-dimensions":
            name = first_array(state)
            replace_dataset(state, name, (2**40, 2**30), state[name].dtype)
        elif case == "dimensions-beyond-int64":
            name = first_array(state)
            replace_dataset(state, name, (2**63 + 5,), state[name].dtype)
        elif case == "negative-step":
            f.attrs["step"] = np.int64(-5)
        elif case == "huge-total-steps":
            f.attrs["total_steps"] = np.int64(2**63 - 1)
        elif case == "huge-format-version":
            f.attrs["format_version"] = np.int64(2**63 - 1)
        elif case == "negative-format-version":
            f.attrs["format_version"] = np.int64(-1)
        elif case == "negative-committed-rows":
            set_checksummed_scalar(harness, "committed_trace_rows", -7, np.int64)
        elif case == "huge-committed-rows":
            set_checksummed_scalar(harness, "committed_trace_rows", 2**62, np.int64)
        elif case == "negative-segments":
            set_checksummed_scalar(harness, "segments", -3, np.int64)
        elif case == "nan-seconds":
            set_checksummed_scalar(harness, "compute_seconds", float("nan"), np.float64)
        elif case == "huge-schema-shape":
            set_checksummed_string(harness, "trace_schema", '{"row_dimension": "draw", "variables": [{"name": "mu", "group": "posterior", "shape": [1099511627776, 1099511627776], "dimensions": ["chain", "x"]}]}')
        elif case == "negative-schema-shape":
            set_checksummed_string(harness, "trace_schema", '{"row_dimension": "draw", "variables": [{"name": "mu", "group": "posterior", "shape": [-4], "dimensions": ["chain"]}]}')
        elif case == "huge-string-width":
            name = "configuration"
            old = f[name]
            attributes = {key: old.attrs[key] for key in old.attrs}
            del f[name]
            new = f.create_dataset(name, shape=(2**36,), dtype=h5py.string_dtype("utf-8", 2**20))
            for key, value in attributes.items():
                new.attrs[key] = value
        else:
            raise SystemExit("unknown case " + case)


if __name__ == "__main__":
    main()
