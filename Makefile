# Social Innovation Skåne – the two commands a new machine needs:
#   make serve   preview the site at http://127.0.0.1:8000/ (drafts shown)
#   make test    build the site and run the whole test suite
# Both create the virtual environment .venv on first use.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test lint images clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.site-installed: requirements.txt | $(BIN)/activate
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt | $(BIN)/activate
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $(VENV)/.site-installed $@

# axe-core for the browser tests, pinned in package-lock.json; nothing of npm
# reaches the site.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

serve: $(VENV)/.site-installed
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: $(VENV)/.site-installed
	$(BIN)/mkdocs build --strict

# Screenshots land in test-results/screenshots/.
test: $(VENV)/.dev-installed node_modules/.installed
	$(BIN)/python -m pytest

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check hooks tests tools
	$(BIN)/ruff format --check hooks tests tools

# Redraw the icon and the social card after changing the palette or the name.
images: $(VENV)/.site-installed
	$(BIN)/pip install --quiet --disable-pip-version-check -r tools/requirements.txt
	$(BIN)/python tools/make_brand_images.py

clean:
	rm -rf site .pytest_cache test-results
