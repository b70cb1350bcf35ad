# Two commands do everything on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
PYTEST_ARGS ?=

.PHONY: demo test lint typecheck unit bench soak clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/tickettui demo

lint: $(STAMP)
	$(BIN)/ruff check tickettui tests
	$(BIN)/ruff format --check tickettui tests

typecheck: $(STAMP)
	$(BIN)/mypy tickettui

unit: $(STAMP)
	$(BIN)/pytest -q -n 2 $(PYTEST_ARGS)

test: lint typecheck unit

# Benchmarks, side by side in one run: prints a table, writes bench/results.json.
# The first run seeds bench/.data/ (100k tickets, ~20 s, ~325 MB; reused afterwards).
bench: $(STAMP)
	$(BIN)/python -m bench.run

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache *.egg-info
