#!/usr/bin/env bash
# The main Perpetual job, end to end, without a cluster.
#
# Samples the Bayesian logistic regression posterior of the Wisconsin
# breast-cancer data (569 patients, 30 features) with 4 NUTS chains. Each
# segment gets a short walltime budget, so the job stops before the budget
# runs out, writes an HDF5 checkpoint and exits 75; the script resumes it
# until it exits 0, as a Slurm job chain would. One segment is stopped by
# SIGTERM mid-step instead, as a preempting scheduler would. Finally the
# same job runs once without interruption and h5diff checks that both
# produced the same bytes.
#
# Usage: examples/demo.sh [SIMRUN_BINARY]   (make demo builds and passes it)
# Needs: a built simrun, h5diff (Debian's hdf5-tools).
set -euo pipefail

simrun=${1:-.build/release/simrun}
segment_walltime=${DEMO_WALLTIME:-5s}
run_dir=runs/demo
job=(--kernel mcmc --model logistic-regression --chains 4 --warmup 1000 --draws 3000 --seed 2026)

fail() { echo "demo: $*" >&2; exit 1; }
[[ -x $simrun ]] || fail "simrun binary not found at '$simrun': run 'make demo'"
command -v h5diff >/dev/null || fail "h5diff not found: install Debian's hdf5-tools (make deps)"

rm -rf "$run_dir"
mkdir -p "$run_dir"

# Runs one segment and stores its exit code in $status; 0 and 75 are expected.
run_segment() {
    status=0
    "$simrun" "$@" || status=$?
    case $status in
        0|75) ;;
        *) fail "segment exited with $status: $simrun $*" ;;
    esac
}

echo "== segment 1: fresh run with a $segment_walltime walltime budget"
run_segment run "${job[@]}" --checkpoint "$run_dir/job.h5" --walltime "$segment_walltime"
segments=1

if [[ $status == 75 ]]; then
    echo "== segment 2: resumed, then stopped by SIGTERM after 1 s (like a preemption)"
    "$simrun" --resume "$run_dir/job.h5" &
    pid=$!
    sleep 1
    kill -TERM "$pid" 2>/dev/null || true
    status=0
    wait "$pid" || status=$?
    [[ $status == 0 || $status == 75 ]] || fail "segment 2 exited with $status"
    segments=2
fi

while [[ $status == 75 ]]; do
    segments=$((segments + 1))
    echo "== segment $segments: resume with a $segment_walltime walltime budget"
    run_segment --resume "$run_dir/job.h5" --walltime "$segment_walltime"
done
echo "== job complete after $segments segments"

echo "== reference: the same job without interruption"
run_segment run "${job[@]}" --checkpoint "$run_dir/reference.h5"

for object in /posterior /sample_stats; do
    h5diff -r "$run_dir/reference.trace.h5" "$run_dir/job.trace.h5" "$object" "$object" >/dev/null \
        || fail "trace group $object differs between the interrupted and the uninterrupted run"
done
h5diff -r "$run_dir/reference.h5" "$run_dir/job.h5" /state /state >/dev/null \
    || fail "final state differs between the interrupted and the uninterrupted run"
echo "== identical: the $segments-segment run and the uninterrupted run wrote the same draws and final state"
echo "   trace: $run_dir/job.trace.h5, checkpoint: $run_dir/job.h5"
