# The documented entry points. `make run` and `make test` set up everything they need.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PG_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/test
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test test-sqlite test-postgresql check lint format typecheck bench bench-deps browser-deps screenshots clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev,bench]'
	touch $(STAMP)

## run the app on the built-in sample data (SQLite, no network)
run: $(STAMP)
	$(BIN)/newsfeed demo --host $(HOST) --port $(PORT)

## run every check and the whole test suite on SQLite, then on PostgreSQL
test: $(STAMP) browser-deps check test-sqlite test-postgresql

test-sqlite: $(STAMP)
	NEWSFEED_TEST_DB=sqlite $(BIN)/pytest -q -p no:cacheprovider

test-postgresql: $(STAMP)
	NEWSFEED_TEST_DB=postgresql NEWSFEED_TEST_PG_URL=$(PG_URL) $(BIN)/pytest -q -p no:cacheprovider

check: lint typecheck

lint: $(STAMP)
	$(BIN)/ruff check src tests bench tools
	$(BIN)/ruff format --check src tests bench tools

format: $(STAMP)
	$(BIN)/ruff format src tests bench tools
	$(BIN)/ruff check --fix src tests bench tools

typecheck: $(STAMP)
	$(BIN)/mypy

## Debian's chromium for the browser tests (never a downloaded browser)
browser-deps:
	@command -v chromium >/dev/null 2>&1 || { apt-get update -q && apt-get install -y -q chromium; }

## wrk (the web benchmark's load generator) from Debian, as browser-deps does for chromium
bench-deps:
	@command -v wrk >/dev/null 2>&1 || { apt-get update -q && apt-get install -y -q wrk; } \
	  || { echo 'make bench needs wrk: apt-get install wrk (as root), or brew install wrk' >&2; exit 1; }

bench: $(STAMP) bench-deps
	$(BIN)/python bench/conformance.py
	$(BIN)/python bench/parse_speed.py
	$(BIN)/python bench/ingest.py
	$(BIN)/python bench/extraction.py
	$(BIN)/python bench/web.py

## every page type at desktop and phone widths, light and dark, into screenshots/ (ignored)
screenshots: $(STAMP) browser-deps
	$(BIN)/python tools/screenshots.py --out screenshots

clean:
	rm -rf $(VENV) newsfeed-data screenshots .pytest_cache .mypy_cache .ruff_cache
