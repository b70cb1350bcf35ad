# Two commands do everything on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
# Every dependency, dev tools included, at the exact version and hash in requirements.lock
# (written by `make lock` from pyproject.toml). It is downloaded into the wheelhouse first and
# installed from there; tests/packaging installs the built wheel from the same wheelhouse, offline.
LOCK := requirements.lock
WHEELHOUSE := $(VENV)/wheelhouse
PIP_VERSION := 26.3
UV_VERSION := 0.13.9
PYTEST_ARGS ?=

.PHONY: demo test lint typecheck contracts unit lock bench soak clean test-browser

$(STAMP): pyproject.toml setup.py $(LOCK)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet 'pip==$(PIP_VERSION)'
	rm -rf $(WHEELHOUSE)
	$(BIN)/python -m pip download --quiet --only-binary :all: --dest $(WHEELHOUSE) -r $(LOCK)
	$(BIN)/python -m pip install --quiet --no-index --find-links $(WHEELHOUSE) -r $(LOCK)
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

# Rewrites requirements.lock after a change to pyproject.toml's dependencies, keeping every pin
# that still fits; `make lock UPGRADE=1` moves everything to the newest versions allowed. uv
# resolves for every platform (Windows-only packages carry markers) and records the hashes.
lock:
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet 'uv==$(UV_VERSION)'
	$(BIN)/uv pip compile pyproject.toml --extra dev --universal --python-version 3.11 \
		--generate-hashes --custom-compile-command 'make lock' $(if $(UPGRADE),--upgrade) \
		--quiet --output-file $(LOCK)

demo: $(STAMP)
	$(BIN)/tickettui demo

lint: $(STAMP)
	$(BIN)/ruff check tickettui tests
	$(BIN)/ruff format --check tickettui tests

typecheck: $(STAMP)
	$(BIN)/mypy tickettui

# Which package may import which: the contracts in pyproject.toml's [tool.importlinter].
contracts: $(STAMP)
	$(BIN)/lint-imports --no-logo

unit: $(STAMP)
	$(BIN)/pytest -q -n 2 $(PYTEST_ARGS)

test: lint typecheck contracts unit

# `tickettui web` in a real browser (tests/browser): the distribution's headless Chromium,
# driven by Playwright (whose own browser downloads are never used). Chromium is installed from
# the distribution's packages when missing: apt-get as root, else through sudo; otherwise one
# line says what to install. CHROMIUM=/path/to/chromium uses another one.
test-browser: $(STAMP)
	@if [ -z "$$CHROMIUM" ] && ! command -v chromium >/dev/null 2>&1 \
			&& ! command -v chromium-browser >/dev/null 2>&1; then \
		if ! command -v apt-get >/dev/null 2>&1; then \
			echo "make test-browser needs Chromium: install your distribution's chromium package, or set CHROMIUM=/path/to/chromium" >&2; exit 1; \
		elif [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
		elif command -v sudo >/dev/null 2>&1; then \
			sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
		else \
			echo "make test-browser needs Chromium: run 'apt-get install chromium' as root, or set CHROMIUM=/path/to/chromium" >&2; exit 1; \
		fi; \
	fi
	$(BIN)/pytest -q -m browser tests/browser $(PYTEST_ARGS)

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
