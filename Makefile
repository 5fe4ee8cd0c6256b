# The README's commands. The virtualenv lives in .venv/ and is created from the lock file.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test lint check bench clean

$(STAMP): requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	touch $(STAMP)

serve: $(STAMP)  ## preview on http://127.0.0.1:8000, rebuilding when data/ or docs/ change
	$(BIN)/mkdocs serve --strict -a 127.0.0.1:8000

build: $(STAMP)  ## write the site to site/
	$(BIN)/mkdocs build --strict

lint: $(STAMP)
	$(BIN)/ruff check hooks tests
	$(BIN)/ruff format --check hooks tests
	$(BIN)/mypy

test: $(STAMP) lint  ## every test, browser tests included
	$(BIN)/pytest

clean:
	rm -rf site
