# Two commands for a newcomer: `make run` (dashboard) and `make test` (test suite).
# Both create the virtual environment and install what they need on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test setup chromium lint typecheck bench

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
	$(BIN)/ruff check src tests $(wildcard views) app.py $(wildcard benchmarks)

# mypy on the core package; what it checks is set in [tool.mypy] in pyproject.toml.
typecheck: setup
	$(BIN)/mypy

# --strict: every figure whose source names a document must find that document (../shared/seeds by default),
# so the quote-in-document rule cannot switch itself off on a machine without the documents.
test: setup chromium lint typecheck
	$(BIN)/tip-stats validate --strict
	$(BIN)/pytest --browser

bench: setup chromium
	$(BIN)/python benchmarks/run_benchmarks.py
