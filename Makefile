# The README's commands. The virtualenv lives in .venv/ and is created from the lock file.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test lint check schemas bench bench-hostile clean

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

serve: $(STAMP)  ## preview on http://127.0.0.1:8000, rebuilding when data/ or docs/ change
	$(BIN)/mkdocs serve --strict -a 127.0.0.1:8000

build: $(STAMP)  ## write the site to site/
	$(BIN)/mkdocs build --strict

check: $(STAMP)  ## validate data/*.yaml and docs/nyheder/ front matter without building (< 1 s)
	@PYTHONPATH=hooks $(BIN)/python -m netvaerk.editing.check

schemas: $(STAMP)  ## rewrite schemas/*.schema.json from hooks/netvaerk/model.py
	@PYTHONPATH=hooks $(BIN)/python -m netvaerk.editing.schemas

lint: $(STAMP)
	$(BIN)/ruff check hooks tests bench
	$(BIN)/ruff format --check hooks tests bench
	$(BIN)/mypy
	PYTHONPATH=hooks $(BIN)/lint-imports --no-cache  # the core's one-way layers (pyproject.toml)

bench: $(STAMP)  ## build time, memory and page size at 30, 300 and 1,000 meetings vs MkDocs alone (~10 min)
	$(BIN)/python bench/run.py

bench-hostile: $(STAMP)  ## time and peak memory of make check on alias bombs and deep nesting (~10 s)
	$(BIN)/python bench/hostile.py

test: $(STAMP) $(JS_STAMP) lint  ## every test, browser tests included
	$(BIN)/pytest

clean:
	rm -rf site
