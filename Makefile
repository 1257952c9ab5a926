# Every target bootstraps .venv from the repo's own files when it is missing or out of date.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
export PYDEVD_DISABLE_FILE_VALIDATION := 1

.PHONY: reports test test-browser lab bench data models lint format strip clean help

help:
	@echo "make reports  regenerate every HTML report into reports/"
	@echo "make test     lint, unit tests and nbval over every notebook"
	@echo "make test-browser  open every report in headless Chromium (needs Debian's chromium)"
	@echo "make lab      JupyterLab on the project's environment"
	@echo "make bench    extraction against quantulum3; reconciliation on the coverage corpus"
	@echo "make data     regenerate the derived tables in data/"
	@echo "make models   retrain the learned second opinions on roles and other groups (after a"
	@echo "              change to the gold, the coverage fixtures or the pipeline's code), then make data"
	@echo "make strip    clear notebook outputs before committing"

# Two first-time `make` runs at once would race on .venv: the bootstrap holds a lock (flock, from
# util-linux; where it is missing the bootstrap runs unlocked) and, once it has the lock, skips the
# install when the other run has just finished it.
VENV_LOCK := .venv.lock
LOCKED := $(shell command -v flock >/dev/null 2>&1 && echo "flock $(VENV_LOCK)")

$(STAMP): pyproject.toml requirements.lock
	@$(LOCKED) $(MAKE) --no-print-directory venv-install

.PHONY: venv-install
venv-install:
	@if [ -f $(STAMP) ] && [ $(STAMP) -nt pyproject.toml ] && [ $(STAMP) -nt requirements.lock ]; then \
		echo "$(VENV) is up to date (built by another run)"; \
	else \
		set -e; \
		test -x $(BIN)/python || $(PYTHON) -m venv $(VENV); \
		$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade "pip>=24"; \
		$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[dev]'; \
		touch $(STAMP); \
	fi

reports: $(STAMP)
	$(BIN)/caravan-claims reports $(ARGS)

test: $(STAMP)
	$(BIN)/ruff check src tests notebooks
	$(BIN)/ruff format --check src tests
	$(BIN)/python -m pytest tests notebooks --ignore=tests/browser --nbval-lax --nbval-current-env $(PYTEST_ARGS)

# Fails (rather than skips) when Chromium or Playwright is missing; screenshots in build/screenshots/.
test-browser: $(STAMP)
	CARAVAN_CLAIMS_REQUIRE_BROWSER=1 $(BIN)/python -m pytest tests/browser -m browser $(PYTEST_ARGS)

# Containers often run as root, which JupyterLab refuses unless told.
LAB_ARGS ?= $(if $(filter 0,$(shell id -u)),--allow-root,)

lab: $(STAMP)
	$(BIN)/jupyter lab notebooks/ $(LAB_ARGS)

bench: $(STAMP)
	$(BIN)/python tests/bench/bench_extract.py $(BENCH_ARGS)
	$(BIN)/python tests/bench/bench_reconcile.py
	$(BIN)/python tests/bench/bench_scale.py $(SCALE_ARGS)

data: $(STAMP)
	$(BIN)/caravan-claims data

models: $(STAMP)
	$(BIN)/python tests/bench/train_models.py

lint: $(STAMP)
	$(BIN)/ruff check src tests notebooks
	$(BIN)/ruff format --check src tests

format: $(STAMP)
	$(BIN)/ruff format src tests
	$(BIN)/ruff check --fix src tests notebooks

strip: $(STAMP)
	$(BIN)/jupyter nbconvert --clear-output --inplace notebooks/*.ipynb

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis reports/*.html reports/.staging-*
