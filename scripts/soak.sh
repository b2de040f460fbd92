#!/usr/bin/env bash
# Kill -9 soak: runs small jobs of every kernel, kills each at a random
# moment, resumes it to the end and compares the result with an
# uninterrupted run of the same job.
#
# Usage: scripts/soak.sh SIMRUN_BINARY [TRIALS] [SEED]
#   TRIALS  number of trials (default 200)
#   SEED    seed of bash's $RANDOM, so a run can be repeated (default: the time)
#
# Needs: h5diff and h5ls (Debian package hdf5-tools). Runs in a temporary
# directory that it removes at the end, unless a trial failed (the failed
# trials' directories stay for inspection).
#
# Each trial picks a kernel, a checkpoint cadence and one fault:
#   - a kill point of the checkpoint layer (PERPETUAL_TEST_KILL_AT, a test
#     hook: trace segment before/after its rename, a generation still open,
#     before/after its rename, the consolidated trace before its rename),
#     at a random occurrence, or
#   - SIGKILL from outside after a random delay, which mostly lands in steps.
# The first resume is killed once more from outside after a random delay.
# Then the job is resumed until it exits 0. A job killed before its first
# generation existed is started again with `run`, as a job script does.
# Its trace groups and final state must be identical (h5diff) to the
# uninterrupted run's. A point reached fewer times than the chosen
# occurrence kills nothing, so the summary counts the kills that happened.
set -euo pipefail

# The whole script is one function, so bash has read all of it before it
# runs: editing the file during a soak cannot change the running soak.
main() {
    if [[ $# -lt 1 ]]; then
        echo "usage: $0 SIMRUN_BINARY [TRIALS] [SEED]" >&2
        exit 64
    fi
    binary_source=$1
    trials=${2:-200}
    RANDOM=${3:-$(date +%s)}
    for tool in h5diff h5ls; do
        command -v "$tool" >/dev/null || { echo "soak: $tool not found; install hdf5-tools" >&2; exit 1; }
    done

    work=$(mktemp -d "${TMPDIR:-/tmp}/perpetual-soak.XXXXXX")
    # A private copy, so that a rebuild during the soak does not change the program under test.
    cp "$binary_source" "$work/simrun"
    simrun=$work/simrun

    declare -A job=(
        [mcmc]="--kernel mcmc --model eight-schools --warmup 40 --draws 80 --seed 7"
        [md]="--kernel md --cells 3 --steps 150 --thermo-every 5 --seed 7"
        [train]="--kernel train --epochs 2 --widths 16 --batch-size 64 --seed 7"
    )
    kernels=(mcmc md train)
    points=(segment-before-rename segment-after-rename checkpoint-open before-rename after-rename trace-before-rename)
    cadences=(1 3 10)

    # Uninterrupted reference runs, and the trace groups to compare per kernel.
    declare -A groups
    for kernel in "${kernels[@]}"; do
        mkdir -p "$work/reference-$kernel"
        (cd "$work/reference-$kernel" && "$simrun" run ${job[$kernel]} --checkpoint job.h5 2>log) || {
            echo "soak: the uninterrupted $kernel run failed; see $work/reference-$kernel/log" >&2
            exit 1
        }
        groups[$kernel]=$(h5ls "$work/reference-$kernel/job.trace.h5" | awk '$2 == "Group" { print "/" $1 }' | tr '\n' ' ')
    done

    # Runs simrun in the current directory with a timeout and prints its exit code.
    run_segment() {
        local code=0
        timeout -s KILL 300 "$simrun" "$@" 2>>log || code=$?
        echo "$code"
    }

    # Starts simrun in the background, kills it with SIGKILL after $1 seconds
    # unless it ended before, and prints its exit code (137 when killed).
    run_killed_after() {
        local delay=$1
        shift
        "$simrun" "$@" 2>>log &
        local pid=$!
        sleep "$delay"
        kill -KILL "$pid" 2>/dev/null || true
        local code=0
        wait "$pid" || code=$?
        echo "$code"
    }

    # The command that continues the job: a resume, or a fresh start when the
    # job was killed before its first generation existed (as a job script does).
    continuation() {
        if compgen -G 'job.h5' >/dev/null || compgen -G 'job.step-*.h5' >/dev/null; then
            echo "--resume job.h5"
        else
            echo "run ${arguments[*]}"
        fi
    }

    declare -A trials_of faults_of restarts_of failed_of mismatched_of point_trials point_faults
    failed_dirs=()
    started=$(date +%s)
    printf '%-6s %-8s %-7s %-24s %-7s %-9s %s\n' trial kernel every fault kills restarts result
    for trial in $(seq 1 "$trials"); do
        kernel=${kernels[RANDOM % 3]}
        every=${cadences[RANDOM % 3]}
        dir=$work/trial-$trial
        mkdir -p "$dir"
        cd "$dir"
        arguments=(${job[$kernel]} --checkpoint job.h5 --checkpoint-every "$every")

        # The first fault.
        if (( RANDOM % 4 == 0 )); then
            delay=$(printf '0.%03d' $((RANDOM % 1000)))
            fault="sigkill after ${delay}s"
            point=external
            code=$(run_killed_after "$delay" run "${arguments[@]}")
        else
            point=${points[RANDOM % ${#points[@]}]}
            # The consolidated trace is written once per process.
            occurrence=1
            [[ $point == trace-before-rename ]] || occurrence=$((1 + RANDOM % 8))
            fault="$point:$occurrence"
            code=$(PERPETUAL_TEST_KILL_AT="$fault" run_segment run "${arguments[@]}")
        fi
        kills=0
        [[ $code == 137 ]] && kills=1

        # Resume; the first resume is killed once more from outside.
        restarts=0
        failed=0
        if [[ $code != 0 ]]; then
            delay=$(printf '0.%03d' $((RANDOM % 1000)))
            code=$(run_killed_after "$delay" $(continuation))
            restarts=1
            [[ $code == 137 ]] && kills=$((kills + 1))
            [[ $code == 0 || $code == 75 || $code == 137 ]] || failed=1
            while [[ $code != 0 && $failed == 0 && $restarts -lt 50 ]]; do
                code=$(run_segment $(continuation))
                restarts=$((restarts + 1))
                [[ $code == 0 || $code == 75 ]] || failed=1
            done
            [[ $code == 0 ]] || failed=1
        fi

        # Compare the trace groups and the final state with the reference.
        mismatch=0
        if [[ $failed == 0 ]]; then
            for group in ${groups[$kernel]}; do
                h5diff -q "$work/reference-$kernel/job.trace.h5" job.trace.h5 "$group" "$group" >/dev/null 2>&1 || mismatch=1
            done
            h5diff -q "$work/reference-$kernel/job.h5" job.h5 /state /state >/dev/null 2>&1 || mismatch=1
        fi

        result=identical
        (( failed )) && result="FAILED RESTART (exit $code)"
        (( mismatch )) && result="DIFFERS"
        printf '%-6s %-8s %-7s %-24s %-7s %-9s %s\n' "$trial" "$kernel" "$every" "$fault" "$kills" "$restarts" "$result"

        trials_of[$kernel]=$(( ${trials_of[$kernel]:-0} + 1 ))
        faults_of[$kernel]=$(( ${faults_of[$kernel]:-0} + kills ))
        restarts_of[$kernel]=$(( ${restarts_of[$kernel]:-0} + restarts ))
        failed_of[$kernel]=$(( ${failed_of[$kernel]:-0} + failed ))
        mismatched_of[$kernel]=$(( ${mismatched_of[$kernel]:-0} + mismatch ))
        point_trials[$point]=$(( ${point_trials[$point]:-0} + 1 ))
        [[ $kills -gt 0 ]] && point_faults[$point]=$(( ${point_faults[$point]:-0} + 1 ))
        cd "$work"
        if (( failed || mismatch )); then
            failed_dirs+=("$dir")
        else
            rm -rf "$dir"
        fi
    done
    elapsed=$(( $(date +%s) - started ))

    echo
    echo "Summary ($trials trials in ${elapsed} s)"
    printf '%-8s %7s %12s %9s %16s %11s\n' kernel trials kills restarts "failed restarts" "not equal"
    total=(0 0 0 0 0)
    for kernel in "${kernels[@]}"; do
        row=(${trials_of[$kernel]:-0} ${faults_of[$kernel]:-0} ${restarts_of[$kernel]:-0} ${failed_of[$kernel]:-0} ${mismatched_of[$kernel]:-0})
        printf '%-8s %7d %12d %9d %16d %11d\n' "$kernel" "${row[@]}"
        for i in 0 1 2 3 4; do total[i]=$(( total[i] + row[i] )); done
    done
    printf '%-8s %7d %12d %9d %16d %11d\n' all "${total[@]}"
    echo
    printf '%-24s %7s %22s\n' "first fault" trials "trials with a kill"
    for point in "${points[@]}" external; do
        printf '%-24s %7d %22d\n' "$point" "${point_trials[$point]:-0}" "${point_faults[$point]:-0}"
    done

    if (( ${#failed_dirs[@]} > 0 )); then
        echo
        echo "soak: ${#failed_dirs[@]} trials failed; their directories stay: ${failed_dirs[*]}" >&2
        exit 1
    fi
    rm -rf "$work"
}

main "$@"
