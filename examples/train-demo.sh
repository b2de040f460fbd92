#!/usr/bin/env bash
# The training kernel under device-memory pressure, end to end.
#
# An MLP with one hidden layer of 2048 learns the handwritten digits while
# its batch grows every epoch from 32 to 1346 images. Each new batch size
# needs larger activation blocks, and the cached blocks of earlier sizes
# pile up on a 64 MiB simulated device. Whenever the reserved memory
# crosses 85 % (or the next step would not fit), simrun checkpoints,
# releases the device, restores from the checkpoint and continues in the
# same process. The job also runs in segments of 5 steps, resumed as a
# Slurm job chain would. Then the same job runs on a 1 GiB device without
# any of that, and h5diff checks that both wrote the same weights,
# optimizer state and training trace.
#
# Usage: examples/train-demo.sh [SIMRUN_BINARY]   (make demo builds and passes it)
# Needs: a built simrun, h5diff (Debian's hdf5-tools).
set -euo pipefail

simrun=${1:-.build/release/simrun}
run_dir=runs/train-demo
job=(--kernel train --seed 1 --widths 2048 --epochs 8
     --batch-schedule 1:640,2:768,3:896,4:1024,5:1152,6:1280,7:1346)

fail() { echo "train-demo: $*" >&2; exit 1; }
[[ -x $simrun ]] || fail "simrun binary not found at '$simrun': run 'make demo'"
command -v h5diff >/dev/null || fail "h5diff not found: install Debian's hdf5-tools (make deps)"

rm -rf "$run_dir"
mkdir -p "$run_dir"
log=$run_dir/job.log

# Runs one segment, appending its log, and stores its exit code in $status.
run_segment() {
    status=0
    "$simrun" "$@" 2>>"$log" || status=$?
    case $status in
        0|75) ;;
        *) fail "segment exited with $status: $simrun $*; see $log" ;;
    esac
}

echo "== segment 1: 64 MiB device, at most 5 steps per segment"
run_segment run "${job[@]}" --device-memory 64MiB --segment-steps 5 --checkpoint "$run_dir/job.h5"
segments=1
while [[ $status == 75 ]]; do
    segments=$((segments + 1))
    run_segment --resume "$run_dir/job.h5"
done
restarts=$(grep -c "releasing the device and restoring" "$log" || true)
echo "== job complete after $segments segments and $restarts device restarts (log: $log)"
grep -E "releasing the device|summary" "$log" | sed 's/^/   /'

echo "== reference: the same job on a 1 GiB device, uninterrupted"
"$simrun" run "${job[@]}" --device-memory 1GiB --checkpoint "$run_dir/reference.h5" 2>"$run_dir/reference.log" \
    || fail "reference run failed; see $run_dir/reference.log"

h5diff -r "$run_dir/reference.trace.h5" "$run_dir/job.trace.h5" /training /training >/dev/null \
    || fail "training trace differs between the restarted and the uninterrupted run"
h5diff -r "$run_dir/reference.h5" "$run_dir/job.h5" /state /state >/dev/null \
    || fail "final weights or optimizer state differ between the restarted and the uninterrupted run"
echo "== identical: $segments segments with $restarts device restarts wrote the same weights, optimizer state and trace as one run on a roomy device"
