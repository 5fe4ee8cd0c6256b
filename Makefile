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

.PHONY: serve build edit test test-fast lint check changes schemas bench bench-hostile clean

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

# The browser editor at /admin/: Sveltia CMS, its fonts and the yaml package (admin/package.json).
ADMIN_STAMP := admin/node_modules/.package-lock.json
$(ADMIN_STAMP): admin/package-lock.json
	npm ci --prefix admin --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $(ADMIN_STAMP)

serve: $(STAMP) $(ADMIN_STAMP)  ## preview on http://127.0.0.1:8000, rebuilding when data/ or docs/ change (DATO=ÅÅÅÅ-MM-DD: as on that day)
	NETVAERK_DATO="$(DATO)" $(BIN)/mkdocs serve --strict -a 127.0.0.1:8000

build: $(STAMP) $(ADMIN_STAMP)  ## write the site to site/ (DATO=ÅÅÅÅ-MM-DD: as on that day, never to be published)
	NETVAERK_DATO="$(DATO)" $(BIN)/mkdocs build --strict

# `make edit`: the browser editor on this checkout. Served from 127.0.0.1, Sveltia offers
# »Arbejd med lokalt repository«: Chrome or Edge then reads and writes this folder itself (the
# File System Access API; Firefox and Safari lack it). Before each save the editor asks
# make check's rules on EDIT_CHECK_PORT (editing/savecheck.py) and shows its Danish verdict.
# mkdocs serve rebuilds the preview on every save, as `make serve` does; no live reload,
# which would reload the editor's own page.
EDIT_PORT ?= 8000
EDIT_CHECK_PORT ?= 8001
edit: $(STAMP) $(ADMIN_STAMP)  ## the browser editor on http://127.0.0.1:8000/admin/, saving into this folder
	@PYTHONPATH=hooks $(BIN)/python -m netvaerk.editing.savecheck --port $(EDIT_CHECK_PORT) \
		--origin http://127.0.0.1:$(EDIT_PORT) "$(CURDIR)" & check=$$!; \
	trap 'kill $$check 2>/dev/null' EXIT INT TERM; \
	echo "Redigering: http://127.0.0.1:$(EDIT_PORT)/admin/ i Chrome eller Edge: vælg »Arbejd med lokalt repository« og mappen $(CURDIR)"; \
	echo "Forhåndsvisning: http://127.0.0.1:$(EDIT_PORT)/ (bygges igen efter hver gemning; stop med Ctrl+C)"; \
	NETVAERK_DATO="$(DATO)" NETVAERK_EDITOR_CHECK=http://127.0.0.1:$(EDIT_CHECK_PORT)/check \
		$(BIN)/mkdocs serve --strict --no-livereload -a 127.0.0.1:$(EDIT_PORT)

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

bench-hostile: $(STAMP)  ## time and peak memory of make check on alias bombs and deep nesting (~10 s)
	$(BIN)/python bench/hostile.py

test: $(STAMP) $(JS_STAMP) $(ADMIN_STAMP) lint  ## every test, browser tests included, on both cores
	$(BIN)/pytest -n 2

test-fast: $(STAMP)  ## the unit layer: no builds, no browser (about half a minute)
	$(BIN)/pytest -m "not build and not browser"

clean:
	rm -rf site
