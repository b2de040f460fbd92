#!/usr/bin/env bash
# Benchmark of the md kernel against LAMMPS on one core: atom-steps per
# second for LAMMPS's in.lj set-up (fcc, density 0.8442, 20^3 cells = 32,000
# atoms, T = 1.44, lj/cut 2.5, 100 steps), and the SIMD force loop against
# the scalar one. Not a test: timings depend on the machine and its load.
#
# Needs: a release build of simrun (make release), lmp (Debian's lammps),
# h5dump (hdf5-tools). Usage: benchmarks/md.sh [ROUNDS] (default 3).
# Each round runs LAMMPS, simrun with --force-loop simd and with scalar, one
# after the other, so a busy neighbour slows all three alike; the medians
# are printed. Perpetual's time is the kernel's compute time stored in the
# checkpoint (/harness/compute_seconds), LAMMPS's the "Loop time" of its run;
# neither includes set-up or output. Both programs rebuild their neighbour
# lists on in.lj's schedule (every 20 steps, no displacement check): 5
# builds in the run after the set-up build; the script stops when LAMMPS
# reports another count.
set -euo pipefail
cd "$(dirname "$0")/.."

rounds=${1:-3}
simrun=$PWD/.build/release/simrun
atoms=32000
steps=100
for tool in lmp h5dump; do
    command -v "$tool" >/dev/null || { echo "md.sh: $tool not found; run 'make deps'" >&2; exit 1; }
done
[[ -x $simrun ]] || { echo "md.sh: $simrun not found; run 'make release'" >&2; exit 1; }

scratch=$(mktemp -d "${TMPDIR:-/tmp}/perpetual-md-bench.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
cd "$scratch"

# LAMMPS's bench/in.lj.
cat > in.lj <<'LAMMPS'
variable x index 1
variable y index 1
variable z index 1
variable xx equal 20*$x
variable yy equal 20*$y
variable zz equal 20*$z
units lj
atom_style atomic
lattice fcc 0.8442
region box block 0 ${xx} 0 ${yy} 0 ${zz}
create_box 1 box
create_atoms 1 box
mass 1 1.0
velocity all create 1.44 87287 loop geom
pair_style lj/cut 2.5
pair_coeff 1 1 1.0 1.0 2.5
neighbor 0.3 bin
neigh_modify delay 0 every 20 check no
fix 1 all nve
run 100
LAMMPS

lammps_seconds() {
    lmp -in in.lj -log none -screen lammps.out >/dev/null \
        || { echo "md.sh: lmp -in in.lj failed, see $scratch/lammps.out" >&2; exit 1; }
    builds=$(sed -n 's/^Neighbor list builds = \([0-9]*\)$/\1/p' lammps.out)
    [[ $builds == 5 ]] || { echo "md.sh: LAMMPS rebuilt its neighbour list '$builds' times, expected 5 (every 20 of 100 steps)" >&2; exit 1; }
    sed -n 's/^Loop time of \([0-9.e+-]*\) on 1 procs for 100 steps with 32000 atoms.*/\1/p' lammps.out
}

simrun_seconds() {
    rm -rf job.h5 job.*.h5 job.trace.d
    "$simrun" run --kernel md --cells 20 --steps "$steps" --seed 87287 --force-loop "$1" \
        --neighbor-every 20 --neighbor-check no --progress-interval 1000 \
        --checkpoint job.h5 2>simrun.err \
        || { echo "md.sh: simrun --force-loop $1 failed:" >&2; cat simrun.err >&2; exit 1; }
    h5dump -d /harness/compute_seconds -y job.h5 | sed -n 's/^ *\([0-9.e+-]*\) *$/\1/p' | head -1
}

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

: > lammps.times; : > simd.times; : > scalar.times
for round in $(seq "$rounds"); do
    lammps_seconds >> lammps.times
    simrun_seconds simd >> simd.times
    simrun_seconds scalar >> scalar.times
    echo "round $round: lammps $(tail -1 lammps.times) s, simd $(tail -1 simd.times) s, scalar $(tail -1 scalar.times) s" >&2
done

lammps=$(median < lammps.times)
simd=$(median < simd.times)
scalar=$(median < scalar.times)
awk -v l="$lammps" -v v="$simd" -v s="$scalar" -v n=$((atoms * steps)) -v r="$rounds" 'BEGIN {
    printf "md benchmark: %d atoms x 100 steps, median of %d rounds, one core\n", n / 100, r
    printf "  LAMMPS (lmp -in in.lj)        %8.3f s  %6.3f M atom-steps/s\n", l, n / l / 1e6
    printf "  Perpetual md, SIMD force loop %8.3f s  %6.3f M atom-steps/s\n", v, n / v / 1e6
    printf "  Perpetual md, scalar loop     %8.3f s  %6.3f M atom-steps/s\n", s, n / s / 1e6
    printf "  Perpetual SIMD / LAMMPS       %8.2f x\n", l / v
    printf "  SIMD / scalar                 %8.2f x\n", s / v
}'
