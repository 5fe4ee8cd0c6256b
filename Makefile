# The README's commands. The virtualenv lives in .venv/ and is created from the lock files:
# requirements.txt (what the site needs to build: all the deploy installs) and, for tests and
# lint, requirements-dev.txt (the same versions plus the tools). Both pin every package with
# its hashes; `make lock` rewrites them from pyproject.toml.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
export NO_MKDOCS_2_WARNING := 1
# `make serve DATO=2027-03-01`: the site as it will look on that day, with a banner on every
# page (netvaerk/content/clock.py). Empty: today. `make changes BASE=<rev>`: compare with <rev>.
DATO ?=
BASE ?=
# `make serve PORT=8010`: preview on another port (8000 is often taken).
PORT ?= 8000

.PHONY: serve build edit test test-fast lint check changes schemas bench bench-hostile clean \
	node-version lock audit

# Node.js: the major version in .nvmrc or newer (Lighthouse 13 needs it; CI, the
# deploy and .ci/run install it). Checked first by every target that runs node or npm.
NODE_MAJOR := $(shell cat .nvmrc)
node-version:
	@command -v node >/dev/null 2>&1 || { echo "Node.js $(NODE_MAJOR) mangler: installér Node.js $(NODE_MAJOR) LTS eller nyere (se README.md)." >&2; exit 1; }
	@node -e 'const [want, have] = [Number(process.argv[1]), Number(process.versions.node.split(".")[0])]; if (have < want) { console.error(`Node.js $${process.versions.node} er for gammel: siden kræver Node.js $${want} eller nyere (.nvmrc). Installér Node.js $${want} LTS, fx »npm install -g node@$${want}« eller »nvm install«, og kør make igen.`); process.exit(1); }' $(NODE_MAJOR)

$(STAMP): requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.txt
	touch $(STAMP)

$(DEV_STAMP): $(STAMP) requirements-dev.txt
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements-dev.txt
	touch $(DEV_STAMP)

# `make lock`: both lock files from pyproject.toml, with hashes, for Python 3.11 (the oldest
# the site supports). Versions already locked are kept unless pyproject.toml asks otherwise;
# `make lock UPGRADE=1` takes the newest that fit. uv comes from PyPI into .venv on first use.
LOCK := $(BIN)/uv pip compile pyproject.toml --quiet --generate-hashes --python-version 3.11 \
	--custom-compile-command "make lock" $(if $(UPGRADE),--upgrade)
lock:  ## rewrite requirements.txt and requirements-dev.txt from pyproject.toml (UPGRADE=1: newest versions)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	test -x $(BIN)/uv || $(BIN)/python -m pip install --quiet uv
	$(LOCK) -o requirements.txt
	$(LOCK) --extra test --constraint requirements.txt -o requirements-dev.txt

# Node packages for tests that use the reference JS implementations (ical.js, axe-core, vnu)
# and the outside audits (lighthouse, pa11y). They drive Debian's /usr/bin/chromium:
# puppeteer must not download a browser of its own.
JS_STAMP := tests/js/node_modules/.package-lock.json
$(JS_STAMP): tests/js/package-lock.json | node-version
	PUPPETEER_SKIP_DOWNLOAD=1 npm ci --prefix tests/js --ignore-scripts --no-audit --no-fund
	touch $(JS_STAMP)

# The browser editor at /admin/: Sveltia CMS, its fonts and the yaml package (admin/package.json).
ADMIN_STAMP := admin/node_modules/.package-lock.json
$(ADMIN_STAMP): admin/package-lock.json | node-version
	npm ci --prefix admin --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $(ADMIN_STAMP)

serve: node-version $(STAMP) $(ADMIN_STAMP)  ## preview on http://127.0.0.1:$(PORT) (default 8000), rebuilding when data/ or docs/ change (DATO=ÅÅÅÅ-MM-DD: as on that day)
	NETVAERK_DATO="$(DATO)" $(BIN)/mkdocs serve --strict -a 127.0.0.1:$(PORT)

build: node-version $(STAMP) $(ADMIN_STAMP)  ## write the site to site/ (DATO=ÅÅÅÅ-MM-DD: as on that day, never to be published)
	NETVAERK_DATO="$(DATO)" $(BIN)/mkdocs build --strict

# `make edit`: the browser editor on this checkout. Served from 127.0.0.1, Sveltia offers
# »Arbejd med lokalt repository«: Chrome or Edge then reads and writes this folder itself (the
# File System Access API; Firefox and Safari lack it). Before each save the editor asks
# make check's rules on EDIT_CHECK_PORT (editing/savecheck.py) and shows its Danish verdict.
# The same server renders the preview pane: the meeting page as the site makes it (editor_preview.py).
# mkdocs serve rebuilds the preview on every save, as `make serve` does; no live reload,
# which would reload the editor's own page.
EDIT_PORT ?= 8000
EDIT_CHECK_PORT ?= 8001
edit: node-version $(STAMP) $(ADMIN_STAMP)  ## the browser editor on http://127.0.0.1:8000/admin/, saving into this folder
	@PYTHONPATH=hooks $(BIN)/python -m netvaerk.editor_preview --port $(EDIT_CHECK_PORT) \
		--origin http://127.0.0.1:$(EDIT_PORT) "$(CURDIR)" & check=$$!; \
	trap 'kill $$check 2>/dev/null' EXIT INT TERM; \
	echo "Redigering: http://127.0.0.1:$(EDIT_PORT)/admin/ i Chrome eller Edge: vælg »Arbejd med lokalt repository« og mappen $(CURDIR) (ikke »Log ind med GitHub«: den er til den udgivne side)"; \
	echo "Forhåndsvisning: http://127.0.0.1:$(EDIT_PORT)/ (bygges igen efter hver gemning; stop med Ctrl+C)"; \
	NETVAERK_DATO="$(DATO)" NETVAERK_EDITOR_CHECK=http://127.0.0.1:$(EDIT_CHECK_PORT)/check \
		$(BIN)/mkdocs serve --strict --no-livereload -a 127.0.0.1:$(EDIT_PORT)

check: $(STAMP)  ## validate data/*.yaml and docs/nyheder/ front matter without building (< 1 s)
	@PYTHONPATH=hooks $(BIN)/python -m netvaerk.check

changes: $(STAMP)  ## what the data change does, in Danish, against BASE (default: the merge base with origin/main)
	@PYTHONPATH=hooks $(BIN)/python -m netvaerk.editing.changes $(if $(BASE),--base "$(BASE)")

schemas: $(STAMP)  ## rewrite schemas/*.schema.json from hooks/netvaerk/model.py
	@PYTHONPATH=hooks $(BIN)/python -m netvaerk.editing.schemas

lint: $(DEV_STAMP)
	$(BIN)/ruff check hooks tests bench
	$(BIN)/ruff format --check hooks tests bench
	$(BIN)/mypy
	PYTHONPATH=hooks $(BIN)/lint-imports --no-cache  # the core's one-way layers (pyproject.toml)

bench: $(DEV_STAMP)  ## build time, memory and page size at 30, 300 and 1,000 meetings vs MkDocs alone (10–12 min, as bench/README.md says)
	$(BIN)/python bench/run.py

bench-hostile: $(DEV_STAMP)  ## time and peak memory of make check on alias bombs, deep nesting and hostile Markdown (~1 min)
	$(BIN)/python bench/hostile.py

test: node-version $(DEV_STAMP) $(JS_STAMP) $(ADMIN_STAMP) lint  ## every test, browser tests included, on both cores
	$(BIN)/pytest -n 2 --durations=20  # the slowest tests named at the end: CI must stay under 15 minutes

# The unit layer still reads calendars with ical.js (tests/js) and saves YAML with the
# browser editor's yaml package (admin/): installed here too, so a fresh clone passes.
test-fast: node-version $(DEV_STAMP) $(JS_STAMP) $(ADMIN_STAMP)  ## the unit layer: no builds, no browser (about a minute)
	$(BIN)/pytest -m "not build and not browser"

audit: $(DEV_STAMP)  ## known vulnerabilities in both Python lock files and both npm folders (needs the network)
	@PYTHONPATH=hooks $(BIN)/python -m netvaerk.audit

clean:
	rm -rf site
