#!/usr/bin/env bash
# Measures the useful fraction of allocated time across a Slurm job chain,
# once with the predictive stop policy and once with the fixed 85 %
# threshold. The fraction is compute seconds (time inside kernel steps, from
# 'simrun status') divided by allocated seconds (the RunTime of every
# segment, from scontrol).
#
#   bash benchmarks/slurm-useful-fraction.sh [SIMRUN_BINARY]
#
# Needs: a running Slurm cluster (jobscripts/local-cluster.sh start, or run
# it through 'make slurm-fraction'), SLURM_CONF pointing at it, and a
# release build of simrun. Takes about 8 minutes: each policy runs a chain
# of 1-minute segments.
#
# The #SBATCH --signal line is removed from the generated scripts, so that
# the stop policy alone decides when each segment stops: Slurm may deliver
# the warning signal up to 30 s before the requested lead, which would
# otherwise end some segments before the policy does.
set -euo pipefail

simrun=$(realpath "${1:-.build/release/simrun}")
[[ -x $simrun ]] || { echo "slurm-useful-fraction: simrun not found at $simrun; run 'make release'" >&2; exit 1; }
[[ -n ${SLURM_CONF:-} ]] || { echo "slurm-useful-fraction: SLURM_CONF is not set; start a cluster with jobscripts/local-cluster.sh" >&2; exit 1; }

# About 140 s of sampling on one core of the development machine.
job=(--model logistic-regression --chains 2 --warmup 1000 --draws 30000 --seed 3 --progress-interval 30)
work=$(mktemp -d /tmp/perpetual-fraction.XXXXXX)
trap 'rm -rf "$work"' EXIT

run_chain() {
    local policy=$1 dir="$work/$1" name="perpetual-fraction-$1-$$"
    mkdir -p "$dir"
    (cd "$dir" && "$simrun" jobscript --time 1 --signal-lead 10 --job-name "$name" --output job.sh \
        -- "${job[@]}" --checkpoint job.h5 --stop-policy "$policy" 2>/dev/null)
    sed -i '/^#SBATCH --signal=/d' "$dir/job.sh"
    sbatch --parsable "$dir/job.sh" >/dev/null

    # Wait for the chain to end: no job of this name left in the queue.
    while [[ -n $(squeue -h -n "$name" -o %A) ]]; do sleep 2; done
    [[ -e $dir/job.h5.chain/done ]] || { echo "chain $policy did not complete; see $dir" >&2; cat "$dir"/*.out >&2; exit 1; }

    local allocated=0 id runtime h m s
    for out in "$dir"/*.out; do
        id=${out##*-}; id=${id%.out}
        runtime=$(scontrol show job "$id" | sed -n 's/.*RunTime=\([0-9:]*\).*/\1/p')
        IFS=: read -r h m s <<<"$runtime"
        allocated=$((allocated + 10#$h * 3600 + 10#$m * 60 + 10#$s))
    done
    local compute segments
    compute=$("$simrun" status "$dir/job.h5" | sed -n 's/^compute_seconds=//p')
    segments=$(<"$dir/job.h5.chain/segments")
    python3 - "$policy" "$segments" "$compute" "$allocated" <<'PY'
import sys
policy, segments, compute, allocated = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
print(f"| {policy} | {segments} | {compute:.1f} | {allocated} | {compute / allocated:.3f} |")
PY
}

echo "| stop policy | segments | compute s | allocated s | useful fraction |"
echo "|---|---|---|---|---|"
run_chain predictive
run_chain threshold
