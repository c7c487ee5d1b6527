# InfraNest. `make run` and `make test` set everything up themselves on a fresh machine.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
CHECKED := src tests benchmarks

.PHONY: setup web web-check run demo test lint typecheck unit bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

WEB_STAMP := web/node_modules/.installed-stamp
$(WEB_STAMP): web/package-lock.json
	cd web && npm ci --no-audit --no-fund
	touch $(WEB_STAMP)

## web: install the UI's packages and build it into web/dist (the server serves it)
web: $(WEB_STAMP)
	cd web && npm run build

## web-check: the UI's type check, formatting and unit tests (Vitest)
web-check: $(WEB_STAMP)
	cd web && npm run lint && npm test

## run: set up, build the UI, then serve InfraNest on http://127.0.0.1:8000 with a demo workspace
run: setup web
	$(BIN)/infranest serve --demo

## demo: a short end-to-end tour of the CLI on the example specs
demo: setup
	bash scripts/demo.sh

## test: set up, then lint (ruff), type-check (mypy strict) and run the whole suite
test: lint typecheck web-check web unit

lint: setup
	$(BIN)/ruff check $(CHECKED)
	$(BIN)/ruff format --check $(CHECKED)

typecheck: setup
	$(BIN)/mypy

unit: setup web
	$(BIN)/pytest -n auto

bench: setup
	$(BIN)/python benchmarks/parse/run.py

clean:
	rm -rf $(VENV) web/node_modules web/dist test-results out .mypy_cache .ruff_cache .pytest_cache .hypothesis
