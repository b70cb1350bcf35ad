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

# Soak: the local server fails 20% of requests while edits and replies are saved (make test runs
# a short one). Longer: TICKETTUI_SOAK_EDITS, TICKETTUI_SOAK_REPLIES, TICKETTUI_SOAK_SECONDS.
soak: $(STAMP)
	TICKETTUI_SOAK_EDITS=$${TICKETTUI_SOAK_EDITS:-200} \
	TICKETTUI_SOAK_REPLIES=$${TICKETTUI_SOAK_REPLIES:-80} \
	TICKETTUI_SOAK_SECONDS=$${TICKETTUI_SOAK_SECONDS:-60} \
	TICKETTUI_SOAK_FIGURES=$${TICKETTUI_SOAK_FIGURES:-soak-figures.json} \
	$(BIN)/pytest -q -s -p no:randomly tests/soak

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache *.egg-info
