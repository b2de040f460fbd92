#!/bin/bash
# Builds the libFuzzer targets and runs each for a bounded time.
#
# Usage: fuzz/run.sh [SECONDS_PER_TARGET]   (default 60; `make fuzz` runs it)
#
# Needs: the Swift toolchain (swiftc -sanitize=fuzzer on Linux) and the
# release simrun, which writes the seed checkpoint. Each target starts from
# the seeds in fuzz/Corpus/<target> and keeps the inputs it finds in
# fuzz/.build/corpus/<target>, so repeated runs go on where they stopped.
# A crashing input is copied to Tests/SimrunTests/Regressions/<target>/,
# where FuzzRegressionTests replays it in the normal test suite, a hanging
# one to fuzz/Findings/, and the script exits 1.
set -euo pipefail

seconds=${1:-60}
root=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)
fuzz_dir=$root/fuzz
regressions=$root/Tests/SimrunTests/Regressions
artifacts=$fuzz_dir/.build/artifacts

# The address sanitizer reports memory errors in Swift code; the C
# libraries (HDF5, Open MPI) are not instrumented.
echo "fuzz: building the targets with -sanitize=fuzzer,address" >&2
swift build --package-path "$fuzz_dir" -c release \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library >&2 \
    || { echo "fuzz: swift build of $fuzz_dir failed" >&2; exit 1; }
bin=$(swift build --package-path "$fuzz_dir" -c release --show-bin-path)

# Seed the checkpoint corpus with a real checkpoint, so that mutations
# start from valid HDF5 rather than from random bytes.
corpus=$fuzz_dir/.build/corpus/checkpoint-reader
mkdir -p "$corpus"
if [[ ! -e $corpus/seed.h5 ]]; then
    simrun=$root/.build/release/simrun
    [[ -x $simrun ]] || { echo "fuzz: $simrun is missing; run 'make release' first" >&2; exit 1; }
    seed_dir=$(mktemp -d)
    (cd "$seed_dir" && "$simrun" run --seed 1 --warmup 2 --draws 2 --chains 1 --checkpoint seed.h5 2>/dev/null) \
        || { echo "fuzz: simrun could not write the seed checkpoint" >&2; rm -rf "$seed_dir"; exit 1; }
    cp "$seed_dir/seed.h5" "$corpus/seed.h5"
    rm -rf "$seed_dir"
fi

failed=0
for target in walltime checkpoint-reader; do
    mkdir -p "$artifacts/$target" "$fuzz_dir/.build/corpus/$target" "$fuzz_dir/Corpus/$target"
    echo "fuzz: running fuzz-$target for $seconds s" >&2
    status=0
    # ASan's leak check is off: HDF5 keeps library-wide allocations until exit.
    ASAN_OPTIONS=detect_leaks=0 "$bin/fuzz-$target" \
        -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=3072 \
        -artifact_prefix="$artifacts/$target/" "$fuzz_dir/.build/corpus/$target" "$fuzz_dir/Corpus/$target" >&2 || status=$?
    if (( status != 0 )); then
        failed=1
        for input in "$artifacts/$target"/*; do
            [[ -e $input ]] || continue
            # A hang cannot be replayed in the test suite, which has no
            # per-test timeout: it goes to fuzz/Findings for a look by hand.
            destination=$regressions/$target
            [[ $(basename -- "$input") == timeout-* ]] && destination=$fuzz_dir/Findings
            mkdir -p "$destination"
            cp -- "$input" "$destination/"
            echo "fuzz: fuzz-$target failed (exit $status); kept $(basename -- "$input") in $destination" >&2
        done
    fi
done
exit "$failed"
