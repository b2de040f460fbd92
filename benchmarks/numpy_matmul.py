#!/usr/bin/env python3
"""Time numpy's matrix product on given shapes, for perpetual-bench.

Usage: numpy_matmul.py REPETITIONS M,N,K [M,N,K ...]
For each shape, C = A @ B with A of M x K and B of K x N (float64, C order,
standard normal values), timed in loops of about 0.1 s. Prints one line per
shape: `M N K median min max` in GFLOP/s (2 M N K flops per product).
The thread count is numpy's BLAS default unless OPENBLAS_NUM_THREADS or
OMP_NUM_THREADS is set.
"""
import statistics
import sys
import time

import numpy as np

TARGET_SECONDS = 0.1


def gflops(m: int, n: int, k: int, repetitions: int) -> list[float]:
    rng = np.random.default_rng(20240601)
    a = rng.standard_normal((m, k))
    b = rng.standard_normal((k, n))
    out = np.empty((m, n))
    count = 1
    while True:
        start = time.perf_counter()
        for _ in range(count):
            np.matmul(a, b, out=out)
        seconds = time.perf_counter() - start
        if seconds >= TARGET_SECONDS / 10:
            count = max(1, round(count * TARGET_SECONDS / seconds))
            break
        count *= 2
    samples = []
    for _ in range(repetitions):
        start = time.perf_counter()
        for _ in range(count):
            np.matmul(a, b, out=out)
        seconds = time.perf_counter() - start
        samples.append(2 * m * n * k * count / seconds / 1e9)
    return samples


def main() -> None:
    if len(sys.argv) < 3:
        raise SystemExit(__doc__)
    repetitions = int(sys.argv[1])
    for shape in sys.argv[2:]:
        m, n, k = (int(part) for part in shape.split(","))
        samples = gflops(m, n, k, repetitions)
        print(m, n, k, statistics.median(samples), min(samples), max(samples))


if __name__ == "__main__":
    main()
