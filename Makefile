# Toelating: `make run` (install, migrate, demo data, serve) and `make test` (the suite).
VENV ?= .venv
BIN := $(VENV)/bin
PYTHON ?= python3
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: install run test lint bench layout clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	@if [ -f package-lock.json ]; then npm ci --no-audit --no-fund --loglevel=error; fi
	touch $@

run: install
	$(BIN)/toelating init
	$(BIN)/toelating demo --if-empty
	$(BIN)/toelating serve --host $(HOST) --port $(PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/mypy engine workflows models handlers web

test: lint
	$(BIN)/pytest

# Figures only (never judged by a test); BENCH_DATABASE_URL=postgresql+psycopg://... for an
# empty PostgreSQL database (its tables are made and kept).
bench: install
	$(BIN)/python bench/engine_overhead.py $(if $(BENCH_DATABASE_URL),--database-url $(BENCH_DATABASE_URL))
	$(BIN)/python bench/app_latency.py $(if $(BENCH_DATABASE_URL),--database-url $(BENCH_DATABASE_URL))

# Regenerate the diagram layout (DI) of the BPMN files after editing their process XML.
layout: install
	$(BIN)/python tools/bpmn_layout.py bpmn/*.bpmn

clean:
	rm -rf $(VENV) instance .pytest_cache .mypy_cache .ruff_cache .import_linter_cache
