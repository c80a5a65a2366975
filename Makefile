# Two commands for a newcomer: `make run` (dashboard) and `make test` (test suite).
# Both create the virtual environment on first use and install exactly the versions in uv.lock:
# pip installs uv into .venv, then `uv sync --frozen` installs the project and its dev tools.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test setup system-packages lint typecheck lock bench capacity mutation

$(STAMP): pyproject.toml uv.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet uv
	$(BIN)/uv sync --frozen --group dev --quiet
	touch $(STAMP)

setup: $(STAMP)

# After editing dependencies in pyproject.toml: rewrite uv.lock (and commit it).
lock: setup
	$(BIN)/uv lock

run: setup
	$(BIN)/tip-stats serve

# Debian packages the browser and replica tests use: chromium (driven by Playwright) and nginx (load balancer).
system-packages:
	@command -v chromium >/dev/null 2>&1 && command -v nginx >/dev/null 2>&1 || { \
		echo "Installing Debian's chromium and nginx for the browser tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium nginx; }

lint: setup
	$(BIN)/ruff check src tests app.py $(wildcard views) $(wildcard benchmarks)
	$(BIN)/ruff format --check src tests app.py $(wildcard views) $(wildcard benchmarks)

# mypy on the core package; what it checks is set in [tool.mypy] in pyproject.toml.
typecheck: setup
	$(BIN)/mypy

# --strict: every figure whose source names a document must find that document (../shared/seeds by default),
# so the quote-in-document rule cannot switch itself off on a machine without the documents.
test: setup system-packages lint typecheck
	$(BIN)/tip-stats validate --strict
	$(BIN)/pytest --browser

bench: setup system-packages
	$(BIN)/python benchmarks/run_benchmarks.py

capacity: setup
	$(BIN)/python benchmarks/capacity.py --results

# Mutation testing of the core modules, on demand (not in CI): one module at a time, at the lowest
# priority and on one core, so it disturbs other work on the machine as little as possible.
# `make mutation MODULES=urlstate` runs one module; the table it prints goes into benchmarks/mutation.md.
MODULES ?= numbers urlstate export rates queries schema validate build
mutation: setup
	for module in $(MODULES); do \
		PATH="$(BIN):$$PATH" nice -n 19 $(BIN)/mutmut run --max-children 1 "tip_stats.$$module.*" || exit 1; \
	done
	$(BIN)/python benchmarks/mutation_summary.py
