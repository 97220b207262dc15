# Tiltakslab: two commands on a fresh machine.
#   make lab   – set up and open JupyterLab (in Norwegian) on notebooks/00_start.ipynb
#   make test  – set up and run every test (unit, nbval, lint, browser)
# Only Python 3 (with venv), git and make are assumed. Browser tests also need Debian's chromium
# (.ci/run installs it; on a laptop without it they are skipped with a message, never under CI=true).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.tiltakslab-installed
LAB_SETTINGS := $(VENV)/share/jupyter/lab/settings
JOBS   ?= 2
NBVAL  := --nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg --nbval-cell-timeout=600

.PHONY: lab test setup lint unit notebooks browser bygg benchmark clean

setup: $(STAMP) $(LAB_SETTINGS)/overrides.json

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# JupyterLab reads overrides.json from <sys.prefix>/share/jupyter/lab/settings: Norwegian by default.
$(LAB_SETTINGS)/overrides.json: config/overrides.json | $(BIN)/python
	mkdir -p $(LAB_SETTINGS)
	cp config/overrides.json $@

# Running as root (containers, CI) needs --allow-root; LAB_ARGS passes extra options (e.g. --no-browser --port=8899).
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root)

lab: setup
	$(BIN)/jupyter lab notebooks/00_start.ipynb $(ROOT_FLAG) $(LAB_ARGS)

# The one test command: unit tests, nbval over notebooks/, exercises/ and solutions/, lint, browser.
test: setup
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/python -m pytest -n $(JOBS) --dist loadscope $(NBVAL) tests notebooks exercises solutions

# Browser tests only (JupyterLab and Voila in Debian's Chromium); `make test` runs them too.
browser: setup
	$(BIN)/python -m pytest -p no:cacheprovider -n $(JOBS) --dist loadscope tests/browser -v

bygg: setup
	$(BIN)/tiltakslab bygg

benchmark: setup
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) .pytest_cache
