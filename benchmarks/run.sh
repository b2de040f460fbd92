#!/usr/bin/env bash
# Builds perpetual-bench in release mode and runs every benchmark, printing
# Markdown tables to stdout (build output goes to stderr).
#
# Usage: bash benchmarks/run.sh [perpetual-bench options]
#   for example: bash benchmarks/run.sh --directory /scratch/$USER --repetitions 7
#   bash benchmarks/run.sh --help lists the options.
# Needs: swift 6, the HDF5 packages that `make deps` installs, git, and dd
# and df from coreutils. The checkpoint benchmark needs about 3.3 times
# --state-mib (default 1024 MiB) free in its directory (default runs/bench).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

swift build -c release --product perpetual-bench >&2 \
    || { echo "run.sh: swift build -c release --product perpetual-bench failed" >&2; exit 1; }

commit=$(git rev-parse --short HEAD 2>/dev/null || echo "unknown")
if [[ -n $(git status --porcelain 2>/dev/null) ]]; then commit+=" with uncommitted changes"; fi
hdf5_version=$(pkg-config --modversion hdf5-openmpi 2>/dev/null || echo "unknown")

echo "## perpetual-bench run"
echo
echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "- commit: ${commit}"
echo "- software: $(swift --version 2>/dev/null | head -n 1); HDF5 ${hdf5_version} (pkg-config hdf5-openmpi); $(dd --version | head -n 1)"
echo "- command: benchmarks/run.sh $*"
echo

.build/release/perpetual-bench "$@"
