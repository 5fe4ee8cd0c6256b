# The README's commands. The virtualenv lives in .venv/ and is created from the lock file.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1
# `make serve DATO=2027-03-01`: the site as it will look on that day, with a banner on every
# page (netvaerk/content/clock.py). Empty: today. `make changes BASE=<rev>`: compare with <rev>.
DATO ?=
BASE ?=

.PHONY: serve build test lint check changes schemas bench clean

$(STAMP): requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	touch $(STAMP)

# Node packages for tests that use the reference JS implementations (ical.js, axe-core, vnu)
# and the outside audits (lighthouse, pa11y). They drive Debian's /usr/bin/chromium:
# puppeteer must not download a browser of its own.
JS_STAMP := tests/js/node_modules/.package-lock.json
$(JS_STAMP): tests/js/package-lock.json
	PUPPETEER_SKIP_DOWNLOAD=1 npm ci --prefix tests/js --ignore-scripts --no-audit --no-fund
	touch $(JS_STAMP)

serve: $(STAMP)  ## preview on http://127.0.0.1:8000, rebuilding when data/ or docs/ change (DATO=ÅÅÅÅ-MM-DD: as on that day)
	NETVAERK_DATO="$(DATO)" $(BIN)/mkdocs serve --strict -a 127.0.0.1:8000

build: $(STAMP)  ## write the site to site/ (DATO=ÅÅÅÅ-MM-DD: as on that day, never to be published)
	NETVAERK_DATO="$(DATO)" $(BIN)/mkdocs build --strict

check: $(STAMP)  ## validate data/*.yaml and docs/nyheder/ front matter without building (< 1 s)
	@PYTHONPATH=hooks $(BIN)/python -m netvaerk.editing.check

changes: $(STAMP)  ## what the data change does, in Danish, against BASE (default: the merge base with origin/main)
	@PYTHONPATH=hooks $(BIN)/python -m netvaerk.editing.changes $(if $(BASE),--base "$(BASE)")

schemas: $(STAMP)  ## rewrite schemas/*.schema.json from hooks/netvaerk/model.py
	@PYTHONPATH=hooks $(BIN)/python -m netvaerk.editing.schemas

lint: $(STAMP)
	$(BIN)/ruff check hooks tests bench
	$(BIN)/ruff format --check hooks tests bench
	$(BIN)/mypy
	PYTHONPATH=hooks $(BIN)/lint-imports --no-cache  # the core's one-way layers (pyproject.toml)

bench: $(STAMP)  ## build time, memory and page size at 30, 300 and 1,000 meetings vs MkDocs alone (~10 min)
	$(BIN)/python bench/run.py

test: $(STAMP) $(JS_STAMP) lint  ## every test, browser tests included
	$(BIN)/pytest

clean:
	rm -rf site
