# Perpetual: build, demo, tests and benchmarks.
#
#   make demo    run the main job end to end (several segments, resume, check)
#   make test    run the test suite
#   make bench   run the benchmarks (not part of the tests)
#   make bench-md  md kernel against LAMMPS on one core (not part of the tests)
#   make bench-train  training kernel: matmul against numpy, samples per second
#   make deps    install the Debian and Python packages the project needs
#
# Targets install missing system packages with apt-get (root or sudo needed
# the first time) and Python packages with pip.

SHELL := /bin/bash
SWIFT ?= swift
RELEASE_BIN := .build/release/simrun

APT_PACKAGES := pkg-config libhdf5-openmpi-dev libopenmpi-dev openmpi-bin hdf5-tools lammps
PYTHON_PACKAGES := h5py numpy xxhash

.PHONY: all deps build release demo test bench bench-md bench-mpi bench-train clean

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

test: deps
	$(SWIFT) build $(TEST_FLAGS)
	SIMRUN_BINARY=$(CURDIR)/$(RELEASE_BIN) $(SWIFT) test $(TEST_FLAGS)

bench: deps
	bash benchmarks/run.sh

bench-md: release
	bash benchmarks/md.sh

# Checkpoint time on 1, 2 and 4 ranks and the cost of the collective stop check.
bench-mpi: release
	bash benchmarks/mpi.sh $(RELEASE_BIN)

# Matrix product against numpy and the machine's peak, training samples/s.
bench-train: deps
	bash benchmarks/run.sh --only train

clean:
	rm -rf .build runs
