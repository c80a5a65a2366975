# Two commands for a newcomer: `make run` (dashboard) and `make test` (test suite).
# Both create the virtual environment and install what they need on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test setup chromium lint bench mutation

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test,bench]"
	touch $(STAMP)

setup: $(STAMP)

run: setup
	$(BIN)/tip-stats serve

chromium:
	@command -v chromium >/dev/null 2>&1 || { \
		echo "Installing Debian's chromium for the browser tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

lint: setup
	$(BIN)/ruff check src tests views app.py $(wildcard benchmarks)

# --strict: every figure whose source names a document must find that document (../shared/seeds by default),
# so the quote-in-document rule cannot switch itself off on a machine without the documents.
test: setup chromium lint
	$(BIN)/tip-stats validate --strict
	$(BIN)/pytest --browser

bench: setup chromium
	$(BIN)/python benchmarks/run_benchmarks.py

# Mutation testing of the core modules, on demand (not in CI): one module at a time, at the lowest
# priority and on one core, so it disturbs other work on the machine as little as possible.
# `make mutation MODULES=urlstate` runs one module; the table it prints goes into benchmarks/mutation.md.
MODULES ?= numbers urlstate export rates queries schema validate build
mutation: setup
	for module in $(MODULES); do \
		nice -n 19 $(BIN)/mutmut run --max-children 1 "tip_stats.$$module.*" || exit 1; \
	done
	$(BIN)/python benchmarks/mutation_summary.py
