# Social Innovation Skåne – the two commands a new machine needs:
#   make serve   preview the site at http://127.0.0.1:8000/ (drafts shown)
#   make test    build the site and run the whole test suite
# Both create the virtual environment .venv on first use.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test lint bench clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.site-installed: requirements.txt | $(BIN)/activate
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt | $(BIN)/activate
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $(VENV)/.site-installed $@

serve: $(VENV)/.site-installed
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: $(VENV)/.site-installed
	$(BIN)/mkdocs build --strict

test: $(VENV)/.dev-installed
	$(BIN)/python -m pytest

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check hooks tests tools bench
	$(BIN)/ruff format --check hooks tests tools bench

# Not part of the tests: build times against plain MkDocs, rebuild, transfer
# and filter speed on synthetic catalogues (see README). Quick run while
# developing: make bench SIZES=100,1000 RUNS=1
SIZES ?= 100,1000,5000
RUNS ?= 3
bench: $(VENV)/.dev-installed
	$(BIN)/python bench/run.py --sizes $(SIZES) --runs $(RUNS)

clean:
	rm -rf site .pytest_cache test-results
