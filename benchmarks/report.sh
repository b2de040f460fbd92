#!/usr/bin/env bash
# Times `simrun report` against `arviz.summary` on the same draws:
# 4 chains x 10^6 draws x 10 parameters (AR(1), phi = 0.9), written once
# as an InferenceData netCDF file that both read.
#
# Usage: benchmarks/report.sh [SIMRUN_BINARY]   (default .build/release/simrun)
# Needs: python3 with numpy and the pinned arviz (make deps), about 4 GB of
# free memory and 400 MB of disk in $TMPDIR. Prints both times and the ratio.
set -euo pipefail

simrun=${1:-.build/release/simrun}
[[ -x $simrun ]] || { echo "report.sh: simrun binary not found at $simrun; run 'make release'" >&2; exit 1; }
work=$(mktemp -d "${TMPDIR:-/tmp}/perpetual-bench-report.XXXXXX")
trap 'rm -rf "$work"' EXIT

python3 - "$work" <<'PY' || { echo "report.sh: generating the draws failed" >&2; exit 1; }
import sys, warnings
warnings.simplefilter("ignore")
import numpy as np
import arviz as az
directory = sys.argv[1]
chains, draws, parameters = 4, 1_000_000, 10
rng = np.random.default_rng(1)
noise = rng.normal(size=(parameters, chains, draws))
values = np.empty_like(noise)
values[:, :, 0] = noise[:, :, 0]
for i in range(1, draws):
    values[:, :, i] = 0.9 * values[:, :, i - 1] + noise[:, :, i]
posterior = {f"p{k}": values[k] for k in range(parameters)}
az.from_dict(posterior=posterior).to_netcdf(f"{directory}/draws.nc")
PY

# The timed runs: each reads the netCDF file and computes its summary.
start=$(date +%s.%N)
status=0
"$simrun" report --json "$work/draws.nc" > "$work/simrun.json" || status=$?
[[ $status -eq 0 || $status -eq 2 ]] || { echo "report.sh: simrun report failed with exit $status" >&2; exit 1; }
simrun_seconds=$(echo "$(date +%s.%N) - $start" | bc)

start=$(date +%s.%N)
python3 - "$work/draws.nc" <<'PY' || { echo "report.sh: arviz.summary failed" >&2; exit 1; }
import sys, warnings
warnings.simplefilter("ignore")
import arviz as az
idata = az.from_netcdf(sys.argv[1])
az.summary(idata, kind="all", round_to="none")
PY
arviz_seconds=$(echo "$(date +%s.%N) - $start" | bc)

echo "simrun report: ${simrun_seconds} s"
echo "arviz.summary: ${arviz_seconds} s (including Python and ArviZ start-up)"
echo "ratio simrun/arviz: $(echo "scale=3; $simrun_seconds / $arviz_seconds" | bc)"
