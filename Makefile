# chainsim: the two commands of the README, and a few helpers.
#   make run    install missing Debian packages, build, run the Belgian baseline, write results/
#   make test   the same set-up, then every test (ctest)
SCENARIO ?= scenarios/belgium/baseline.yaml
PRESET   ?= release
JOBS     ?= $(shell nproc 2>/dev/null || echo 2)
BUILD    := build/$(PRESET)
CHAINSIM := $(BUILD)/cli/chainsim

.PHONY: run test deps configure build bench debug-test clean format

run: build
	@mkdir -p results
	$(CHAINSIM) run $(SCENARIO)

test: build
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

deps:
	@bash tools/install-deps.sh

configure: deps
	@cmake --preset $(PRESET) >/dev/null

build: configure
	@cmake --build $(BUILD) -j $(JOBS) -- --no-print-directory

bench: build
	$(BUILD)/bench/chainsim_bench

debug-test:
	$(MAKE) test PRESET=debug

clean:
	rm -rf build

format:
	clang-format -i $$(git ls-files '*.cpp' '*.hpp')
