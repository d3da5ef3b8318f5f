# The two everyday commands are `make run` and `make test`; both build .venv from the lock
# file first when it is missing or stale.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-from-lock
UV_VERSION := 0.13.9
export CLAIMS_HOME ?= $(CURDIR)/data
# The UI and `claims run` share one persistent Dagster instance, by default in CLAIMS_HOME
# (pipelines/instance.py); tests use their own temp ones.
DAGSTER_HOME ?= $(abspath $(CLAIMS_HOME))/dagster
export DAGSTER_DISABLE_TELEMETRY := 1
run dev: export DAGSTER_HOME := $(DAGSTER_HOME)

.PHONY: run test dev check-defs bench lock clean-data

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q uv==$(UV_VERSION)
	$(BIN)/uv pip install -q --python $(BIN)/python -r requirements.lock
	$(BIN)/uv pip install -q --python $(BIN)/python --no-deps -e .
	touch $(STAMP)

$(DAGSTER_HOME)/dagster.yaml: pipelines/dagster.yaml
	mkdir -p $(DAGSTER_HOME) && cp pipelines/dagster.yaml $@

## Run the nightly job on the bundled sample articles and publish a release under data/releases/.
run: $(STAMP) $(DAGSTER_HOME)/dagster.yaml
	$(BIN)/claims run --input data/samples

## Run the whole test suite (unit, Dagster end-to-end, fault injection).
test: $(STAMP)
	$(BIN)/pytest -q

## The Dagster UI on http://127.0.0.1:3000 (runs started by `make run` show there too).
dev: $(STAMP) $(DAGSTER_HOME)/dagster.yaml
	$(BIN)/dg dev -w workspace.yaml

check-defs: $(STAMP)
	$(BIN)/dg check defs

## Benchmark: the whole job against a bare spaCy parse on 2000 AllSides articles (~15-30 min); JSON in benchmarks/results/.
bench: $(STAMP)
	$(BIN)/python -m benchmarks.bench $(BENCH_ARGS)

## Re-resolve the pinned dependencies after editing pyproject.toml.
lock:
	$(BIN)/uv pip compile pyproject.toml --extra dev --python-version 3.11 -o requirements.lock

clean-data:
	rm -rf data/inbox data/staging data/state data/warehouse data/releases data/reports
