#!/bin/bash
@@DIRECTIVES@@
#
# One segment of a self-resubmitting simrun job chain, written by
# 'simrun jobscript' from the template jobscripts/chain-segment.sh.
# Submit it once with 'sbatch THIS_FILE'; each segment submits the next.
#
# Needs: Slurm (sbatch, squeue, srun; scontrol for requeue mode), bash 4,
# flock from util-linux, and the simrun binary named below on every node.
#
# What a segment does:
#  1. Takes the chain lock, so two segments of one chain never run at once
#     (the job also depends on its predecessor and carries
#     --dependency=singleton).
#  2. Runs 'simrun run' (first segment) or 'simrun --resume' in the
#     background through srun, forwards the Slurm warning signal and
#     SIGTERM to it, and waits.
#  3. On exit 0 writes the done marker and stops. On exit 75 checks the
#     guards (progress made, segment count, core-hour budget) and submits
#     the next segment. Any other exit, or a failed guard, stops the chain
#     with a message in this job's output and in <chain directory>/stopped,
#     and exits non-zero.
set -euo pipefail

@@SETTINGS@@

# Name of the program in messages: the file name of the binary.
program=${simrun##*/}

# --- helpers ----------------------------------------------------------------

say() {
    printf '%s perpetual-chain job %s segment %s: %s\n' \
        "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "${SLURM_JOB_ID:-none}" "${segment:-?}" "$*" >&2
}

# Stops the chain: prints the reason, keeps it in the chain directory and
# exits with status $2 (default 1).
stop_chain() {
    say "chain stopped: $1"
    printf '%s\n' "$1" >"$chain_dir/stopped" || say "could not write $chain_dir/stopped"
    exit "${2:-1}"
}

# Prints the number in file $1, or $2 when the file is missing or empty.
read_number() {
    local value=""
    [[ -s $1 ]] && value=$(<"$1")
    [[ $value =~ ^[0-9]+$ ]] || value=$2
    printf '%s\n' "$value"
}

# Prints the step of the checkpoint, read by 'simrun status'. Stops the
# chain when simrun cannot read any generation of it; callers run it in a
# command substitution, so they add '|| exit $?'.
checkpoint_step() {
    local report status=0
    report=$("$simrun" status "$checkpoint" 2>&1) || status=$?
    if (( status != 0 )); then
        stop_chain "cannot read the checkpoint $checkpoint ($program status exited $status): $report. Inspect or remove it, then resubmit $script" 65
    fi
    sed -n 's/^step=//p' <<<"$report"
}

# Writes $1 to the stopped marker without ending the script. Used where
# Slurm may kill the script before it can decide: the marker then keeps
# the reason, and a segment that goes on removes it.
record_stop_reason() {
    printf '%s\n' "$1" >"$chain_dir/stopped" 2>/dev/null || say "could not write $chain_dir/stopped"
}

# Trap handler for the warning signal and SIGTERM: records which came and
# forwards it to simrun while simrun runs.
forward_signal() {
    if [[ -n ${step_pid:-} ]]; then
        say "received SIG$1; forwarding it to $program (pid $step_pid)"
        kill -s "$1" "$step_pid" 2>/dev/null || true
    else
        say "received SIG$1 while $program was not running"
    fi
    # An explicit status: a bare 'return' in a trap handler returns the
    # status of the interrupted 'wait' (128 + signal), which set -e would
    # turn into the exit of this script.
    if [[ $1 != TERM ]]; then
        warned=1
        return 0
    fi
    terminated=1
    # At the time limit Slurm sends SIGKILL KillWait seconds after SIGTERM,
    # which ends this script before it can act on simrun's exit code. So
    # the reason is written now, for a job that then ends in state TIMEOUT.
    if (( warned )); then
        record_stop_reason "segment ${segment:-?} (job $SLURM_JOB_ID) reached its time limit before simrun finished: SIGTERM came after the warning signal SIG$stop_signal. If the job ended in state TIMEOUT, the checkpoint simrun started on the warning did not complete (a failed or slow checkpoint write, see simrun's log in this job's output); the last complete checkpoint (step ${step_before:-unknown} when this segment started, or a later periodic one) is intact. The chain was not resubmitted. Check the file system, raise --signal-lead, then resubmit $script"
    else
        record_stop_reason "segment ${segment:-?} (job $SLURM_JOB_ID) received SIGTERM without the warning signal SIG$stop_signal first: the job was cancelled (scancel), preempted or killed at its time limit without a warning. The chain was not resubmitted; resubmit $script to continue it"
    fi
    return 0
}

# --- start of the segment ---------------------------------------------------

[[ -n ${SLURM_JOB_ID:-} ]] || { echo "perpetual-chain: run this script with sbatch, not directly" >&2; exit 64; }

# Traps first: a warning signal that comes while the segment starts up
# would otherwise end this shell (the default action of SIGUSR1/2).
step_pid=""
warned=0
terminated=0
trap 'forward_signal "$stop_signal"' "$stop_signal"
trap 'forward_signal TERM' TERM
cd -- "$workdir" || { echo "perpetual-chain: cannot change to the working directory $workdir" >&2; exit 1; }
mkdir -p -- "$chain_dir" || { echo "perpetual-chain: cannot create the chain directory $chain_dir" >&2; exit 1; }

if [[ -e $chain_dir/done ]]; then
    say "the chain is already complete ($chain_dir/done exists); nothing to do"
    exit 0
fi

# The lock file stays open on descriptor 9 until the script exits.
exec 9>>"$chain_dir/lock"
if ! flock --nonblock 9; then
    say "another segment of this chain holds $chain_dir/lock; this job exits without running"
    exit 1
fi

segment=$(( $(read_number "$chain_dir/segments" 0) + 1 ))
printf '%s\n' "$segment" >"$chain_dir/segments"
if [[ -s $chain_dir/stopped ]]; then
    say "the previous segment stopped the chain with: $(<"$chain_dir/stopped")"
fi
rm -f -- "$chain_dir/stopped"
segment_start=$SECONDS

if [[ -e $checkpoint ]]; then
    step_before=$(checkpoint_step) || exit $?
    command=("$simrun" --resume "$checkpoint")
else
    step_before=0
    command=("$simrun" run "${run_arguments[@]}")
fi
say "starting at step $step_before: ${launcher[*]} ${command[*]}"

# --- run simrun, forwarding signals -----------------------------------------

# A signal before simrun starts means the segment has no time left to
# compute: starting simrun would only race its signal handlers.
if (( terminated )); then
    stop_chain "segment $segment received SIGTERM before simrun started; nothing ran. Resubmit $script to continue the chain" 1
fi
if (( warned )); then
    stop_chain "segment $segment received the warning signal SIG$stop_signal before simrun started, so no time was left for a step and a checkpoint. Raise --time or give a smaller --signal-lead, then resubmit $script" 1
fi

# With --signal=B:... Slurm signals only this shell, and bash runs a trap
# only when the foreground command ends: so simrun runs in the background,
# and 'wait' (which a trapped signal interrupts) runs in a loop.
"${launcher[@]}" "${command[@]}" &
step_pid=$!
while kill -0 "$step_pid" 2>/dev/null; do
    wait "$step_pid" || true
done
# bash keeps the exit status of a reaped background job for a later wait.
status=0
wait "$step_pid" || status=$?
step_pid=""

# Core-seconds of this segment: allocated CPUs times the script's run time.
cpus=$(squeue -h -j "$SLURM_JOB_ID" -o %C 2>/dev/null | head -n 1) || cpus=""
[[ $cpus =~ ^[0-9]+$ ]] || cpus=$requested_cpus
core_seconds=$(( $(read_number "$chain_dir/core-seconds" 0) + cpus * (SECONDS - segment_start) ))
printf '%s\n' "$core_seconds" >"$chain_dir/core-seconds"

# --- act on simrun's exit code ----------------------------------------------

case $status in
    0)
        rm -f -- "$chain_dir/stopped"
        : >"$chain_dir/done"
        say "work complete after $segment segments; wrote $chain_dir/done"
        exit 0
        ;;
    75) ;;
    3)
        stop_chain "simrun's --core-hours budget is used up (exit 3); the newest checkpoint $checkpoint is kept. To go on, resume with a larger --core-hours (or --core-hours none) and resubmit $script" 3
        ;;
    65)
        stop_chain "$program could not use its input (exit 65): an unreadable, corrupt or incompatible checkpoint $checkpoint or data file; see the error of $program above. Fix or remove it, then resubmit $script" 65
        ;;
    *)
        stop_chain "$program failed with exit status $status (see its log above); the chain is not resubmitted. Fix the cause, then resubmit $script" "$status"
        ;;
esac

# --- guards before the next segment -----------------------------------------

# SIGTERM without Slurm's warning signal first means scancel or a
# preemption that cancels, not the end of the time limit: the checkpoint
# stays, and the chain must not submit itself again.
if (( terminated && !warned )); then
    stop_chain "the segment received SIGTERM without the warning signal SIG$stop_signal first: the job was cancelled (scancel) or preempted. $program wrote a checkpoint; resubmit $script to continue the chain" 0
fi

step_after=$(checkpoint_step) || exit $?
if [[ -z $step_after ]] || (( step_after <= step_before )); then
    stop_chain "segment $segment made no progress: the checkpoint is still at step ${step_after:-unknown}, as before this segment. The time limit may be too short for one step and a checkpoint; raise --time" 1
fi
say "checkpoint at step $step_after (this segment ran from step $step_before)"

if (( max_segments > 0 && segment >= max_segments )); then
    stop_chain "reached the maximum of $max_segments segments with work remaining (step $step_after). To go on, raise max_segments in $script or regenerate it with a larger --max-segments, then resubmit it" 1
fi

if [[ -n $core_second_budget ]]; then
    next_core_seconds=$(( requested_cpus * time_limit_seconds ))
    if (( core_seconds + next_core_seconds > core_second_budget )); then
        stop_chain "the core-hour budget would be exceeded: the chain used $core_seconds core-seconds and the next segment may use $next_core_seconds of the budget of $core_second_budget. Raise --core-hours and resubmit $script" 1
    fi
fi

# --- continue -----------------------------------------------------------------

# The guards passed: a reason recorded on SIGTERM no longer applies.
rm -f -- "$chain_dir/stopped"

if [[ $continuation == requeue ]]; then
    say "requeueing job $SLURM_JOB_ID for segment $((segment + 1))"
    scontrol requeue "$SLURM_JOB_ID" || stop_chain "scontrol requeue $SLURM_JOB_ID failed; resubmit $script by hand" 1
    exit 0
fi

if ! next_job=$(sbatch --parsable --dependency="afterany:$SLURM_JOB_ID,singleton" "$script" 2>&1); then
    stop_chain "submitting the next segment failed: sbatch printed: $next_job. Resubmit $script by hand" 1
fi
say "submitted job ${next_job%%;*} for segment $((segment + 1))"
exit 0
