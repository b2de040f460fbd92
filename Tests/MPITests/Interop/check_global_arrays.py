"""Check with h5py that a checkpoint contains its partitioned arrays whole.

Usage: python3 check_global_arrays.py CHECKPOINT CHAINS DIMENSION

Opens the file as one HDF5 file, checks the shapes of the per-chain arrays,
that rng/streams lists every chain in order, and recomputes every checksum:
`xxh64` of the raw bytes, or for partitioned arrays `xxh64_rows`, XXH64 of
the row hashes. Prints one line per failed check; exits 1 if any failed.
Needs h5py, numpy and xxhash.
"""
import sys

import h5py
import numpy as np
import xxhash

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


def raw_bytes(dataset):
    if h5py.check_string_dtype(dataset.dtype) is not None:
        return dataset.asstr()[()].encode("utf-8")
    return np.ascontiguousarray(dataset[()]).tobytes()


def row_checksum(dataset):
    data = np.ascontiguousarray(dataset[()])
    hashes = b"".join(xxhash.xxh64(row.tobytes()).intdigest().to_bytes(8, "little") for row in data)
    return xxhash.xxh64(hashes).intdigest()


def main():
    path, chains, dimension = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    with h5py.File(path, "r") as f:
        check(int(f.attrs["format_version"]) == 2, f"format_version is {f.attrs['format_version']}")
        state = f["state"]
        check(state["chains/position"].shape == (chains, dimension), f"position shape {state['chains/position'].shape}")
        check(state["chains/log_density"].shape == (chains,), f"log_density shape {state['chains/log_density'].shape}")
        check(list(state["rng/streams"][()]) == list(range(chains)), f"rng/streams is {state['rng/streams'][()]}")
        check(np.all(np.isfinite(state["chains/position"][()])), "positions are not all finite")
        check("xxh64_rows" in state["chains/position"].attrs, "chains/position has no xxh64_rows attribute")

        def visit(name, item):
            if not isinstance(item, h5py.Dataset):
                return
            if "xxh64_rows" in item.attrs:
                stored, computed = int(item.attrs["xxh64_rows"]), row_checksum(item)
            else:
                stored, computed = int(item.attrs["xxh64"]), xxhash.xxh64(raw_bytes(item)).intdigest()
            check(stored == computed, f"{name}: stored {stored:#018x}, computed {computed:#018x}")

        f.visititems(visit)
    for failure in failures:
        print(failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
