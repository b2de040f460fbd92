"""Writes generated chain sets as CSV files and ArviZ's diagnostics of each.

Usage: python3 arviz_reference.py OUTPUT_DIRECTORY [--netcdf]

For every case in CASES it writes OUTPUT_DIRECTORY/<case>.csv (columns
chain, draw, one per parameter) and OUTPUT_DIRECTORY/reference.json:
{case: {parameter: {statistic: value}}}, with the values ArviZ computes
(arviz.summary with round_to="none", arviz.rhat, arviz.ess, arviz.mcse) and
numpy's type-7 quantiles. Every draw is seeded, so the files are the same
on every run. Infinite or undefined values are written as null. With
--netcdf it also writes the "ar1" case as InferenceData with
arviz.to_netcdf through both engines: ar1.netcdf4.nc and ar1.h5netcdf.nc.
"""

import json
import math
import sys
import warnings

import numpy as np

warnings.simplefilter("ignore")
import arviz as az  # noqa: E402  (after the warning filter: ArviZ warns on import)


def ar1(rng, chains, draws, phi):
    x = np.zeros((chains, draws))
    x[:, 0] = rng.normal(size=chains)
    noise = rng.normal(size=(chains, draws))
    for i in range(1, draws):
        x[:, i] = phi * x[:, i - 1] + noise[:, i]
    return x


def make_cases():
    rng = np.random.default_rng(20261204)
    cases = {}
    cases["ar1"] = {"a": ar1(rng, 4, 1000, 0.95), "b": ar1(rng, 4, 1000, 0.99)}
    cases["iid"] = {"a": rng.normal(size=(4, 1000)), "b": rng.exponential(size=(4, 1000))}
    shifted = rng.normal(size=(4, 1000))
    shifted[2] += 1.0
    cases["shifted"] = {"a": shifted, "b": rng.normal(size=(4, 1000))}
    cases["heavy"] = {"a": rng.standard_cauchy(size=(4, 1000)), "b": rng.standard_t(2, size=(4, 1000))}
    cases["odd"] = {"a": ar1(rng, 3, 999, 0.8), "b": rng.normal(size=(3, 999))}
    cases["ties"] = {"a": rng.poisson(3, size=(4, 1000)).astype(float),
                     "b": np.round(rng.normal(size=(4, 1000)), 1)}
    cases["single"] = {"a": ar1(rng, 1, 1000, 0.5)}
    cases["short"] = {"a": ar1(rng, 2, 7, 0.3)}
    return cases


def number(value):
    value = float(value)
    return value if math.isfinite(value) else None


def reference(parameters):
    posterior = {name: draws for name, draws in parameters.items()}
    idata = az.from_dict(posterior=posterior)
    mean_focus = az.summary(idata, kind="all", round_to="none", stat_focus="mean")
    median_focus = az.summary(idata, kind="all", round_to="none", stat_focus="median", hdi_prob=0.9)
    rhat = az.rhat(idata, method="rank")
    ess_bulk = az.ess(idata, method="bulk")
    ess_tail = az.ess(idata, method="tail")
    mcse_mean = az.mcse(idata, method="mean")
    mcse_sd = az.mcse(idata, method="sd")
    mcse_median = az.mcse(idata, method="median")
    mcse_q5 = az.mcse(idata, method="quantile", prob=0.05)
    mcse_q95 = az.mcse(idata, method="quantile", prob=0.95)
    result = {}
    for name, draws in parameters.items():
        values = np.asarray(draws)
        result[name] = {
            "mean": number(mean_focus.loc[name, "mean"]),
            "sd": number(mean_focus.loc[name, "sd"]),
            "median": number(median_focus.loc[name, "median"]),
            "q5": number(np.quantile(values, 0.05)),
            "q95": number(np.quantile(values, 0.95)),
            "summary_mcse_mean": number(mean_focus.loc[name, "mcse_mean"]),
            "summary_mcse_sd": number(mean_focus.loc[name, "mcse_sd"]),
            "summary_mcse_median": number(median_focus.loc[name, "mcse_median"]),
            "summary_ess_bulk": number(mean_focus.loc[name, "ess_bulk"]),
            "summary_ess_tail": number(mean_focus.loc[name, "ess_tail"]),
            "summary_r_hat": number(mean_focus.loc[name, "r_hat"]),
            "r_hat": number(rhat[name]),
            "ess_bulk": number(ess_bulk[name]),
            "ess_tail": number(ess_tail[name]),
            "mcse_mean": number(mcse_mean[name]),
            "mcse_sd": number(mcse_sd[name]),
            "mcse_median": number(mcse_median[name]),
            "mcse_q5": number(mcse_q5[name]),
            "mcse_q95": number(mcse_q95[name]),
        }
    return result


def write_csv(path, parameters):
    names = list(parameters)
    first = parameters[names[0]]
    with open(path, "w") as handle:
        handle.write("chain,draw," + ",".join(names) + "\n")
        for chain in range(first.shape[0]):
            for draw in range(first.shape[1]):
                values = ",".join(repr(float(parameters[name][chain, draw])) for name in names)
                handle.write(f"{chain},{draw},{values}\n")


def main():
    directory = sys.argv[1]
    references = {}
    for case, parameters in make_cases().items():
        write_csv(f"{directory}/{case}.csv", parameters)
        references[case] = reference(parameters)
    if "--netcdf" in sys.argv[2:]:
        idata = az.from_dict(posterior=make_cases()["ar1"])
        for engine in ("netcdf4", "h5netcdf"):
            idata.to_netcdf(f"{directory}/ar1.{engine}.nc", engine=engine)
    references["_versions"] = {"arviz": az.__version__, "numpy": np.__version__}
    with open(f"{directory}/reference.json", "w") as handle:
        json.dump(references, handle, indent=1)


if __name__ == "__main__":
    main()
