#!/usr/bin/env python3
"""Export the Wisconsin diagnostic breast-cancer data to a CSV file.

The data come from scikit-learn's bundled copy (`sklearn.datasets.
load_breast_cancer`), so no network access is needed. scikit-learn codes the
target as 0 = malignant, 1 = benign. This script writes the opposite coding,
`malignant` = 1 for malignant and 0 for benign, because the Perpetual
logistic-regression model predicts the probability of malignancy.

Usage, from the repository root:
    python3 examples/data/export_breast_cancer.py
It writes Sources/PerpetualMCMC/Data/breast_cancer.csv: one header row with
the 30 feature names (spaces replaced by underscores) followed by
`malignant`, then 569 rows. Floats are written with `repr`, which round-trips
every double exactly.
"""
import csv
import pathlib

from sklearn.datasets import load_breast_cancer

OUTPUT = (pathlib.Path(__file__).resolve().parents[2]
          / "Sources" / "PerpetualMCMC" / "Data" / "breast_cancer.csv")


def main() -> None:
    data = load_breast_cancer()
    if list(data.target_names) != ["malignant", "benign"]:
        raise SystemExit(f"unexpected target names {list(data.target_names)}: "
                         "expected ['malignant', 'benign']. Check how this scikit-learn "
                         "version codes the target before exporting.")

    header = [name.replace(" ", "_") for name in data.feature_names] + ["malignant"]
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    with OUTPUT.open("w", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        for features, target in zip(data.data, data.target):
            malignant = 1 if target == 0 else 0
            writer.writerow([repr(float(value)) for value in features] + [malignant])
    print(f"wrote {len(data.target)} rows to {OUTPUT}")


if __name__ == "__main__":
    main()
