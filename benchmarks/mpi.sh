#!/usr/bin/env bash
# MPI benchmarks of simrun (not a test; prints figures, never fails on speed).
#
#   1. Checkpoint write time on 1, 2 and 4 ranks for the same global state:
#      random-walk MCMC with many chains, a periodic checkpoint after every
#      step; the median of the rank-0 "periodic checkpoint" log lines.
#   2. Per-step cost of the collective stop check: the same MPI job with a
#      check at every step (--coordination-interval 1e-9) against one with
#      checks about 10000 steps apart (--coordination-interval 1e9); the
#      difference of wall seconds per step, from the harness accounting
#      stored in the final checkpoint (elapsed minus checkpoint seconds).
#
# Needs: a release build of simrun (make release), mpirun (openmpi-bin),
# python3 with h5py. Usage: benchmarks/mpi.sh [SIMRUN] [CHAINS]
set -euo pipefail

simrun=${1:-.build/release/simrun}
chains=${2:-1024}
[[ -x $simrun ]] || { echo "mpi.sh: $simrun not found; run 'make release' first" >&2; exit 1; }
simrun=$(realpath "$simrun")
command -v mpirun >/dev/null || { echo "mpi.sh: mpirun not found; install openmpi-bin" >&2; exit 1; }

scratch=$(mktemp -d "${TMPDIR:-/tmp}/perpetual-mpi-bench.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
launch=(mpirun --allow-run-as-root --oversubscribe)

# run RANKS NAME ARGS...: runs simrun on RANKS ranks (1: without mpirun) in the scratch directory.
run() {
    local ranks=$1 name=$2
    shift 2
    local command=("$simrun" run --checkpoint "$name.h5" "$@")
    if ((ranks > 1)); then command=("${launch[@]}" -np "$ranks" "${command[@]}"); fi
    (cd "$scratch" && "${command[@]}" > "$name.log" 2>&1) || { echo "mpi.sh: ${command[*]} failed:" >&2; tail -5 "$scratch/$name.log" >&2; exit 1; }
}

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "== checkpoint write time, $chains chains of logistic-regression (31 coordinates), rwm"
printf "%-6s %-12s %-18s\n" ranks size "median seconds"
for ranks in 1 2 4; do
    run "$ranks" "write-$ranks" --model logistic-regression --sampler rwm --chains "$chains" \
        --warmup 0 --draws 12 --seed 1 --checkpoint-every 1
    log="$scratch/write-$ranks.log"
    seconds=$(grep -o 'periodic checkpoint at step [0-9]*: [^,]*, [0-9.]* [KMG]iB in [0-9.]* s' "$log" | awk '{ print $(NF - 1) }' | median)
    size=$(grep -o 'periodic checkpoint at step [0-9]*: [^,]*, [0-9.]* [KMG]iB' "$log" | tail -1 | awk '{ print $(NF - 1), $NF }')
    printf "%-6s %-12s %-18s\n" "$ranks" "$size" "$seconds"
done

echo
echo "== per-step cost of the collective stop check, 2 ranks, eight-schools rwm, 4 chains"
steps=200000
per_step() {
    python3 - "$scratch/$1.h5" "$steps" <<'PYTHON'
import sys, h5py
with h5py.File(sys.argv[1], "r") as f:
    h = f["harness"]
    print(f"{(float(h['elapsed_seconds'][()]) - float(h['checkpoint_seconds'][()])) / int(sys.argv[2]) * 1e6:.1f}")
PYTHON
}
printf "%-28s %-16s\n" "check interval" "µs per step"
for setting in 1e-9 1e9; do
    values=()
    for repeat in 1 2 3; do
        run 2 "check-$setting-$repeat" --model eight-schools --sampler rwm --chains 4 --warmup 0 \
            --draws $steps --seed 1 --coordination-interval "$setting"
        values+=("$(per_step "check-$setting-$repeat")")
    done
    label=$([[ $setting == 1e-9 ]] && echo "every step" || echo "every 10000 steps")
    printf "%-28s %-16s\n" "$label" "$(printf '%s\n' "${values[@]}" | median)"
done
echo "(medians of 3 runs; $(nproc) cores, $(uname -m), Open MPI $(mpirun --version | head -1 | awk '{ print $NF }'))"
