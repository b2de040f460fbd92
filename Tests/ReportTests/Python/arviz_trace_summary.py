"""Opens a Perpetual trace with ArviZ and xarray and writes ArviZ's summary.

Usage: python3 arviz_trace_summary.py TRACE_FILE OUTPUT_JSON

Checks that xarray opens group "posterior" with both netCDF engines
(h5netcdf, netcdf4) and that every variable's first two dimensions are
named chain and draw; exits 1 with a message when not. Then writes
{"groups": [...], "dimensions": {variable: [names]}, "parameters":
{label: {statistic: value}}} from arviz.from_netcdf and arviz.summary
(round_to="none"), labels as ArviZ prints them (theta[0]).
"""

import json
import math
import sys
import warnings

warnings.simplefilter("ignore")
import arviz as az  # noqa: E402
import xarray as xr  # noqa: E402


def number(value):
    value = float(value)
    return value if math.isfinite(value) else None


def main():
    path, output = sys.argv[1], sys.argv[2]
    dimensions = {}
    for engine in ("h5netcdf", "netcdf4"):
        dataset = xr.open_dataset(path, group="posterior", engine=engine)
        for name, variable in dataset.data_vars.items():
            if variable.dims[:2] != ("chain", "draw"):
                sys.exit(f"{engine}: variable {name} has dimensions {variable.dims}, expected chain, draw first")
            dimensions[name] = list(variable.dims)
    idata = az.from_netcdf(path)
    mean_focus = az.summary(idata, kind="all", round_to="none", stat_focus="mean")
    median_focus = az.summary(idata, kind="all", round_to="none", stat_focus="median")
    parameters = {}
    for label in mean_focus.index:
        parameters[label] = {
            "mean": number(mean_focus.loc[label, "mean"]),
            "sd": number(mean_focus.loc[label, "sd"]),
            "mcse_mean": number(mean_focus.loc[label, "mcse_mean"]),
            "mcse_sd": number(mean_focus.loc[label, "mcse_sd"]),
            "ess_bulk": number(mean_focus.loc[label, "ess_bulk"]),
            "ess_tail": number(mean_focus.loc[label, "ess_tail"]),
            "r_hat": number(mean_focus.loc[label, "r_hat"]),
            "median": number(median_focus.loc[label, "median"]),
            "mcse_median": number(median_focus.loc[label, "mcse_median"]),
        }
    with open(output, "w") as handle:
        json.dump({"groups": idata.groups(), "dimensions": dimensions, "parameters": parameters}, handle, indent=1)


if __name__ == "__main__":
    main()
