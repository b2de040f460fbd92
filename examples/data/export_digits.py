#!/usr/bin/env python3
"""Export the UCI optical handwritten digits (8x8) to a CSV file.

The data come from scikit-learn's bundled copy (`sklearn.datasets.
load_digits`), so no network access is needed: 1797 images of 8x8 pixels,
each pixel an integer count from 0 to 16, and the digit 0-9 as the label.

Usage, from the repository root:
    python3 examples/data/export_digits.py
It writes Sources/PerpetualTrain/Data/digits.csv: one header row
`pixel_0,...,pixel_63,digit`, then 1797 rows of integers. Pixel `r*8+c`
is row r, column c of the image.
"""
import csv
import pathlib

import numpy as np
from sklearn.datasets import load_digits

OUTPUT = (pathlib.Path(__file__).resolve().parents[2]
          / "Sources" / "PerpetualTrain" / "Data" / "digits.csv")


def main() -> None:
    data = load_digits()
    pixels = data.data
    if pixels.shape != (1797, 64):
        raise SystemExit(f"unexpected shape {pixels.shape}: expected (1797, 64)")
    if not np.array_equal(pixels, np.round(pixels)) or pixels.min() < 0 or pixels.max() > 16:
        raise SystemExit("expected integer pixel counts in 0...16; check this scikit-learn version")

    header = [f"pixel_{index}" for index in range(64)] + ["digit"]
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    with OUTPUT.open("w", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        for image, digit in zip(pixels, data.target):
            writer.writerow([int(value) for value in image] + [int(digit)])
    print(f"wrote {len(data.target)} rows to {OUTPUT}")


if __name__ == "__main__":
    main()
