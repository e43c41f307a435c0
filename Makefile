# odcsim: the two commands a user needs are `make run` and `make test`.
# Both install missing Debian packages first (see debian-packages.txt).
BUILD ?= build
BUILD_TYPE ?= Release
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
SCENARIO ?= scenarios/default.yaml
RESULTS ?= results/default

.PHONY: all deps build run test bench fuzz clean

all: build

deps:
	@sh scripts/deps.sh

build: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

run: build
	./$(BUILD)/odcsim run $(SCENARIO) --out $(RESULTS)

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

bench: build
	@sh bench/run.sh $(BUILD)

fuzz: deps
	@sh fuzz/run.sh

clean:
	rm -rf $(BUILD)
