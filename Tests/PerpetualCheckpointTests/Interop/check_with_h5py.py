"""Read a Perpetual checkpoint and its consolidated trace with h5py.

Usage: python3 check_with_h5py.py CHECKPOINT TRACE EXPECTED_JSON

EXPECTED_JSON is written by the Swift test and holds the values the files
must contain. Every dataset's `xxh64` attribute is recomputed with the
`xxhash` package. Prints one line per failed check and exits 1 if any
failed, 0 otherwise. Needs h5py, numpy and xxhash.
"""
import json
import sys

import h5py
import numpy as np
import xxhash

DTYPES = {"float64": "<f8", "int64": "<i8", "uint32": "<u4", "uint64": "<u8"}
failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


def raw_bytes(dataset):
    """Bytes the checksum covers: UTF-8 for strings, little-endian data otherwise."""
    if h5py.check_string_dtype(dataset.dtype) is not None:
        return dataset.asstr()[()].encode("utf-8")
    return np.ascontiguousarray(dataset[()]).tobytes()


def check_checksums(handle, label):
    def visit(name, item):
        if isinstance(item, h5py.Dataset):
            stored = int(item.attrs["xxh64"])
            computed = xxhash.xxh64(raw_bytes(item)).intdigest()
            check(stored == computed, f"{label}:{name}: stored xxh64 {stored:#018x}, computed {computed:#018x}")
    handle.visititems(visit)


def check_checkpoint(path, expected):
    with h5py.File(path, "r") as f:
        check(f.attrs["format"] == "perpetual-checkpoint", f"format is {f.attrs['format']!r}")
        check(int(f.attrs["format_version"]) == 2, "format_version is not 2")
        check(f.attrs["kernel"] == expected["kernel"], f"kernel is {f.attrs['kernel']!r}")
        check(int(f.attrs["step"]) == expected["step"], f"step is {f.attrs['step']}")
        check(int(f.attrs["total_steps"]) == expected["total_steps"], "total_steps differs")
        check(f.attrs["producer"] == expected["producer"], "producer differs")
        check(f["configuration"].asstr()[()] == expected["configuration"], "configuration differs")
        check(int(f["harness/committed_trace_rows"][()]) == expected["committed_trace_rows"], "committed_trace_rows differs")
        check(json.loads(f["harness/state_entries"].asstr()[()]) == [e["name"] for e in expected["state"]],
              "state_entries differs")
        for entry in expected["state"]:
            dataset = f["state/" + entry["name"]]
            if entry["type"] == "string":
                check(dataset.asstr()[()] == entry["values"][0], f"state {entry['name']} text differs")
                continue
            check(list(dataset.shape) == entry["shape"], f"state {entry['name']} shape {dataset.shape}, expected {entry['shape']}")
            check(dataset.dtype == np.dtype(DTYPES[entry["type"]]), f"state {entry['name']} dtype {dataset.dtype}")
            values = np.asarray(dataset[()]).reshape(-1).tolist()
            check(values == entry["values"], f"state {entry['name']} values {values}, expected {entry['values']}")
        check_checksums(f, path)


def check_trace(path, expected):
    with h5py.File(path, "r") as f:
        check(f.attrs["format"] == "perpetual-trace", f"trace format is {f.attrs['format']!r}")
        check(int(f.attrs["row_count"]) == expected["row_count"], f"row_count is {f.attrs['row_count']}")
        check(f.attrs["row_dimension"] == "draw", "row_dimension is not draw")
        for variable in expected["variables"]:
            dataset = f[variable["group"] + "/" + variable["name"]]
            check(list(dataset.shape) == variable["shape"], f"trace {variable['name']} shape {dataset.shape}, expected {variable['shape']}")
            dimensions = [str(d) for d in dataset.attrs["dimensions"]]
            check(dimensions == variable["dimensions"], f"trace {variable['name']} dimensions {dimensions}")
            values = dataset[()].reshape(-1).tolist()
            check(values == variable["values"], f"trace {variable['name']} values differ")
        check_checksums(f, path)


def main():
    checkpoint, trace, expected_path = sys.argv[1:4]
    with open(expected_path) as handle:
        expected = json.load(handle)
    check_checkpoint(checkpoint, expected["checkpoint"])
    check_trace(trace, expected["trace"])
    for failure in failures:
        print(failure)
    print(f"{len(failures)} failed checks")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
