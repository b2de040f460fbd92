"""Writes an InferenceData netCDF file whose variables are not in name order
and whose `school` dimension has string coordinates.

Usage: write_coords_netcdf.py OUTPUT
"""
import sys
import warnings

warnings.simplefilter("ignore")
import arviz as az
import numpy as np

rng = np.random.default_rng(0)
posterior = {
    "zeta": rng.normal(size=(2, 10)),
    "theta": rng.normal(size=(2, 10, 3)),
    "alpha": rng.normal(size=(2, 10)),
}
data = az.from_dict(posterior=posterior, coords={"school": ["Choate", "Deerfield", "Hotchkiss"]}, dims={"theta": ["school"]})
data.to_netcdf(sys.argv[1])
print(",".join(az.summary(az.from_netcdf(sys.argv[1]), kind="stats").index))
