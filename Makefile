# Tiltakslab: two commands on a fresh machine.
#   make lab   – set up and open JupyterLab (in Norwegian) on the start page, served from the project root
#   make app   – the whole course as one code-free app (Voila) on the start page, for self-study
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

.PHONY: lab app oppdater test setup lint unit notebooks browser bygg benchmark clean

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

# The server root is the project root, so every link on the start page (lessons in notebooks/, exercise
# sets in exercises/) opens; the start page is the first thing shown.
# The course notebooks are read-only originals (tiltakslab.labinnhold): a learner's saves never make a
# `git pull` of a fixed course conflict; answers live in the answer store, not in the notebooks.
# JUPYTER_PATH adds our JupyterLab extension src/tiltakslab/jupyter/labextensions/tiltakslab-kjor (shipped in the
# package, so a hub finds it too: deploy/): a read-only course
# notebook marked {"tiltakslab": {"kjor_ved_apning": true}} runs its cells when it opens, so its forms are live
# without Run All (a learner never touches code).
lab: setup
	JUPYTER_PATH=$(CURDIR)/config/jupyter:$(CURDIR)/src/tiltakslab/jupyter $(BIN)/jupyter lab --ServerApp.root_dir=. --LabApp.default_url=/lab/tree/notebooks/00_start.ipynb \
	  --ServerApp.contents_manager_class=tiltakslab.labinnhold.KursInnhold $(ROOT_FLAG) $(LAB_ARGS)

# The whole course as one app without code (Voila, our template in config/jupyter): "/" opens the start page,
# lessons and sets are /voila/render/<folder>/<name>.ipynb, links between them are relative. A closed page ends
# its kernel (Voila's beacon carries no _xsrf field, so that check is off in config/jupyter/voila.py, which also
# gives our templates their words from the message catalogue; the server listens on loopback only),
# and a kernel left without a page is culled after 10 minutes. APP_ARGS passes extra options (--no-browser --port=N).
# No preheated kernels (measured in benchmarks/bench_app.py: no clear gain, stale pages, one kernel per notebook).
APP_KERNELS := --MappingKernelManager.cull_idle_timeout=600 --MappingKernelManager.cull_interval=60 \
	  --MappingKernelManager.cull_connected=False --VoilaConfiguration.preheat_kernel=False
app: setup
	JUPYTER_PATH=$(CURDIR)/config/jupyter $(BIN)/voila . --template=tiltakslab --Voila.ip=127.0.0.1 \
	  --Voila.config_file_paths=$(CURDIR)/config/jupyter $(APP_KERNELS) $(APP_ARGS)

# Get a new version of the course: learners' answers live in the answer store, not in the notebooks, so the
# notebooks are put back as shipped first (a saved notebook never makes the pull conflict).
oppdater:
	git restore --source=HEAD --staged --worktree -- notebooks exercises solutions
	git pull --ff-only

# The one test command: unit tests, nbval over notebooks/, exercises/ and solutions/, lint, browser.
# The loopback hub tests (tests/hub) run last and alone: a hub, its proxy, single-user servers and a browser
# need both cores, and next to the browser tests on this size of machine they time out.
test: setup
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/python -m pytest -n $(JOBS) --dist loadscope $(NBVAL) --ignore=tests/hub tests notebooks exercises solutions
	$(BIN)/python -m pytest -p no:xdist tests/hub

# Browser tests only (JupyterLab and Voila in Debian's Chromium); `make test` runs them too.
browser: setup
	$(BIN)/python -m pytest -p no:cacheprovider -n $(JOBS) --dist loadscope tests/browser -v

bygg: setup
	$(BIN)/tiltakslab bygg

benchmark: setup
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) .pytest_cache
