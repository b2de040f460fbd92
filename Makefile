# Perpetual: build, demo, tests and benchmarks.
#
#   make demo    run the main job end to end (several segments, resume, check)
#   make test    run the test suite
#   make bench   run the benchmarks (not part of the tests)
#   make bench-md  md kernel against LAMMPS on one core (not part of the tests)
#   make slurm-fraction  measure the useful fraction of a Slurm job chain
#   make bench-report  time simrun report against arviz.summary
#   make bench-train  training kernel: matmul against numpy, samples per second
#   make soak    kill -9 soak: random kills of every kernel, resumed and compared (about 15 min)
#   make deps    install the Debian and Python packages the project needs
#   make fuzz    run the libFuzzer targets, FUZZ_SECONDS (default 60) each
#
# Targets install missing system packages with apt-get (root or sudo needed
# the first time) and Python packages with pip.

SHELL := /bin/bash
SWIFT ?= swift
RELEASE_BIN := .build/release/simrun

APT_PACKAGES := pkg-config libhdf5-openmpi-dev libopenmpi-dev openmpi-bin hdf5-tools lammps slurm-wlm munge
# arviz is pinned because simrun report must agree with its diagnostics to
# 1e-9 and the tests compare against this version; xarray, h5netcdf and
# netCDF4 read Perpetual traces as netCDF-4 in the tests.
PYTHON_PACKAGES := h5py numpy xxhash arviz==0.23.4 xarray h5netcdf netCDF4

.PHONY: all deps build release demo test soak bench bench-md bench-mpi bench-report bench-train slurm-fraction fuzz clean

all: build

deps:
	@bash scripts/install-deps.sh "$(APT_PACKAGES)" "$(PYTHON_PACKAGES)"

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release --product simrun

demo: release
	bash examples/demo.sh $(RELEASE_BIN)
	bash examples/train-demo.sh $(RELEASE_BIN)

# Tests run optimised: the samplers' SIMD loops are about 45 times slower
# unoptimised, and HDF5 handle-lifetime bugs only show in optimised code.
# -enable-testing keeps @testable imports working in the release build.
TEST_FLAGS := -c release -Xswiftc -enable-testing

# The Slurm chain tests need a cluster: local-cluster.sh starts its
# one-node cluster for the run when none is up (and stops it afterwards),
# and PERPETUAL_REQUIRE_SLURM=1 turns a missing cluster into a failure.
test: deps
	$(SWIFT) build $(TEST_FLAGS)
	PERPETUAL_REQUIRE_SLURM=1 SIMRUN_BINARY=$(CURDIR)/$(RELEASE_BIN) \
		bash jobscripts/local-cluster.sh run -- $(SWIFT) test $(TEST_FLAGS)

bench: deps
	bash benchmarks/run.sh

# SOAK_TRIALS trials (default 200), each a random kill -9 of a small job,
# resumed to the end and compared with an uninterrupted run. Not part of
# the tests; figures in docs/reliability.md.
SOAK_TRIALS ?= 200
soak: release
	bash scripts/soak.sh $(RELEASE_BIN) $(SOAK_TRIALS)

bench-md: release
	bash benchmarks/md.sh

# Checkpoint time on 1, 2 and 4 ranks and the cost of the collective stop check.
bench-mpi: release
	bash benchmarks/mpi.sh $(RELEASE_BIN)
slurm-fraction: release
	bash jobscripts/local-cluster.sh run -- bash benchmarks/slurm-useful-fraction.sh $(RELEASE_BIN)

# simrun report against arviz.summary on 4 chains x 10^6 draws x 10 parameters.
bench-report: release
	bash benchmarks/report.sh $(RELEASE_BIN)

# Matrix product against numpy and the machine's peak, training samples/s.
bench-train: deps
	bash benchmarks/run.sh --only train

# Checkpoint reader and walltime parser under libFuzzer with the address
# sanitizer; crashing inputs go to Tests/SimrunTests/Regressions.
FUZZ_SECONDS ?= 60
fuzz: release
	bash fuzz/run.sh $(FUZZ_SECONDS)

clean:
	rm -rf .build runs fuzz/.build
