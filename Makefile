# InfraNest. `make run` and `make test` set everything up themselves on a fresh machine.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
CHECKED := src tests benchmarks

.PHONY: setup run demo test lint typecheck unit bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

## run: set up, then a short end-to-end demo on an example spec (until the web app exists)
run: setup
	bash scripts/demo.sh

demo: run

## test: set up, then lint (ruff), type-check (mypy strict) and run the whole suite
test: lint typecheck unit

lint: setup
	$(BIN)/ruff check $(CHECKED)
	$(BIN)/ruff format --check $(CHECKED)

typecheck: setup
	$(BIN)/mypy

unit: setup
	$(BIN)/pytest -n auto

bench: setup
	$(BIN)/python benchmarks/parse/run.py

clean:
	rm -rf $(VENV) out .mypy_cache .ruff_cache .pytest_cache .hypothesis
