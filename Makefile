# Toelating: `make run` (install, migrate, demo data, serve) and `make test` (the suite).
VENV ?= .venv
BIN := $(VENV)/bin
PYTHON ?= python3
HOST ?= 127.0.0.1
PORT ?= 5000

CATALOGS := web/translations
MO := $(CATALOGS)/en/LC_MESSAGES/messages.mo

.PHONY: install run test lint bench layout translations clean

install: $(VENV)/.installed node_modules/.installed $(MO)

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@

# Browser assets (NL Design System CSS, htmx, bpmn-js, axe-core) exactly as locked.
node_modules/.installed: package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# The compiled catalogs (.mo) are made here, not kept in git.
$(MO): $(CATALOGS)/en/LC_MESSAGES/messages.po $(VENV)/.installed
	$(BIN)/pybabel compile --statistics -d $(CATALOGS)

# After changing a UI string: extract, merge into the English catalog, then translate
# what is new in $(CATALOGS)/en/LC_MESSAGES/messages.po and run make again.
translations: install
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext --no-location \
	  --sort-output -o $(CATALOGS)/messages.pot web
	$(BIN)/pybabel update -i $(CATALOGS)/messages.pot -d $(CATALOGS) --no-fuzzy-matching \
	  --ignore-obsolete --ignore-pot-creation-date --width=100
	$(BIN)/pybabel compile -d $(CATALOGS)

run: install
	$(BIN)/toelating init
	$(BIN)/toelating demo --if-empty
	$(BIN)/toelating serve --host $(HOST) --port $(PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/mypy engine workflows models handlers letters web

test: lint
	$(BIN)/pytest

# Figures only (never judged by a test); BENCH_DATABASE_URL=postgresql+psycopg://... for an
# empty PostgreSQL database (its tables are made and kept).
bench: install
	$(BIN)/python bench/engine_overhead.py $(if $(BENCH_DATABASE_URL),--database-url $(BENCH_DATABASE_URL))
	$(BIN)/python bench/app_latency.py $(if $(BENCH_DATABASE_URL),--database-url $(BENCH_DATABASE_URL))
	$(BIN)/python bench/inbox.py
	$(BIN)/python bench/case_page.py $(if $(BENCH_DATABASE_URL),--database-url $(BENCH_DATABASE_URL))

# Regenerate the diagram layout (DI) of the BPMN files after editing their process XML.
layout: install
	$(BIN)/python tools/bpmn_layout.py bpmn/*.bpmn

clean:
	rm -rf $(VENV) node_modules instance .pytest_cache .mypy_cache .ruff_cache .import_linter_cache
