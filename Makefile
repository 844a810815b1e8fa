# Social Innovation Skåne – the two commands a new machine needs:
#   make serve   preview the site at http://127.0.0.1:8000/ (drafts shown;
#                another port: make serve PORT=8001)
#   make test    build the site and run the whole test suite
# Both create the virtual environment .venv on first use. Also:
#   make test-fast    the tests that need neither a build nor a browser (seconds)
#   make screenshots  the browser tests' screenshots, into test-results/screenshots/
#   make ci      what the pull-request workflow checks, in the same order

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test test-fast screenshots lint install ci images bench bench-reload bench-tests clean check new-initiative new-partner new-event new-news translations

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.site-installed: requirements.txt | $(BIN)/activate
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt | $(BIN)/activate
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $(VENV)/.site-installed $@

# axe-core for the browser tests and vnu-jar (the Nu Html Checker, run with
# Java), pinned in package-lock.json; nothing of npm reaches the site. No
# install scripts: vnu-jar's would download a Java runtime when none is found.
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
	  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error && touch $@; \
	else \
	  echo "npm not found: the axe-core and HTML-checker tests will be skipped (see README)."; \
	fi

# Another port or address: make serve PORT=8001 (HOST=0.0.0.0 to reach it
# from other machines). A busy port gives one line saying so, not a traceback.
HOST ?= 127.0.0.1
PORT ?= 8000
serve: $(VENV)/.site-installed
	@$(BIN)/python tools/serve.py $(HOST) $(PORT)

build: $(VENV)/.site-installed
	$(BIN)/mkdocs build --strict

# The tiers are markers tests/conftest.py sets from the fixtures a test uses
# (pyproject.toml lists them). `make test` is everything but the screenshots, on
# every core (pytest-xdist; each module's tests on one worker, each shared site
# built once for all); PYTEST_ARGS passes more, e.g. PYTEST_ARGS="-x tests/test_slugs.py".
# PYTHONDONTWRITEBYTECODE is emptied for the tests: where a shell sets it, every worker
# would compile every module (and pytest rewrite every test's asserts) again, each run.
test: $(VENV)/.dev-installed node_modules/.installed
	PYTHONDONTWRITEBYTECODE= $(BIN)/python -m pytest -n auto --dist loadscope $(PYTEST_ARGS)

# The editing loop: no build, no browser, on every core (pytest-xdist).
test-fast: $(VENV)/.dev-installed
	PYTHONDONTWRITEBYTECODE= $(BIN)/python -m pytest -n auto -m "not build and not browser" $(PYTEST_ARGS)

# Every kind of page on a phone and a desktop, light and dark, into
# test-results/screenshots/ (CI runs it after make test and keeps the folder).
screenshots: $(VENV)/.dev-installed node_modules/.installed
	$(BIN)/python -m pytest -m screenshots $(PYTEST_ARGS)

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check hooks tests tools bench
	$(BIN)/ruff format --check hooks tests tools bench

# Not part of the tests: build times against plain MkDocs, rebuild, transfer
# and filter speed on synthetic catalogues (see MAINTAINING.md). Quick run while
# developing: make bench SIZES=100,1000 RUNS=1
SIZES ?= 100,1000,5000
RUNS ?= 3
bench: $(VENV)/.dev-installed
	$(BIN)/python bench/run.py --sizes $(SIZES) --runs $(RUNS)

# Only issue 16's figure, in a few minutes: `make serve`'s reload after one
# edit of each kind, on the real content and at 1,000 initiatives.
bench-reload: $(VENV)/.dev-installed
	$(BIN)/python bench/run.py --reload-only

# Only issue 27's figures: make test-fast and make test, timed (a few minutes).
bench-tests: $(VENV)/.dev-installed node_modules/.installed
	$(BIN)/python bench/run.py --tests-only

install: $(VENV)/.dev-installed

# The steps of the jobs "content" (the quick check) and then "tests" in
# .github/workflows/site.yml, in their order; tests/test_workflows.py keeps
# them the same.
ci:
	$(MAKE) check
	$(MAKE) build
	$(MAKE) install
	$(MAKE) lint
	$(MAKE) test
	$(MAKE) screenshots

# Redraw the icon and the social card after changing the palette or the name.
images: $(VENV)/.site-installed
	$(BIN)/pip install --quiet --disable-pip-version-check -r tools/requirements.txt
	$(BIN)/python tools/make_brand_images.py

# The builds' caches live outside the repository (hooks/site_content/caches.py).
CACHE_ROOT = $(or $(SIS_CACHE_DIR),$(or $(XDG_CACHE_HOME),$(HOME)/.cache)/social-innovation-skane)

clean:
	rm -rf site .pytest_cache test-results .cache "$(CACHE_ROOT)"

# Check all content without building: every problem, in Swedish.
# English: SIS_LANG=en make check; warnings fail too: make check CHECK_FLAGS=--strict;
# only a change's own warnings: SIS_CHANGED_FILES=<file listing its paths> make check.
# The workflow's job "content" runs this same command directly, so that its log ends
# with the check's own line rather than make's "Error 1".
check: $(VENV)/.site-installed
	PYTHONPATH=hooks $(BIN)/python -m site_content.check $(CHECK_FLAGS)

# Start a new content file: make new-initiative NAME="Läxhjälp i Lund" (asks when NAME is left out);
# make new-event NAME="…" and make new-news NAME="…" write an event or a news item the same way.
new-initiative new-partner new-event new-news: $(VENV)/.site-installed
	PYTHONPATH=hooks $(BIN)/python -m site_content.scaffold $(subst new-,,$@) $(if $(NAME),"$(NAME)")

# Translation status of every page and entry; after updating an English text:
# make translations STAMP="content/partners/coompanion-skane.yml"
translations: $(VENV)/.site-installed
	PYTHONPATH=hooks $(BIN)/python -m site_content.translation_status $(if $(STAMP),--stamp $(STAMP))
