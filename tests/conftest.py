"""Build each site variant once per test run and share it between tests.

The tests own their content. Behaviour is asserted on sites built from
``tests/fixtures/`` (partners, vocabularies, initiatives, images, redirects),
never on what ``content/`` happens to hold today:

- ``showcase_site``: a copy of the repository whose partners, vocabularies,
  initiatives and content images are the fixtures', plus a Swedish-only page;
  two fixture partners have test logos.
- ``empty_site``: the same fixture content with only a draft initiative: an
  empty catalogue.
- ``subpath_site``: the showcase built for a project address on GitHub Pages,
  ``https://<owner>.github.io/<repository>/``, where everything lives under a
  sub-path.

The repository's own content is built twice, and on both only what holds for
ANY valid content is asserted (``content_site`` runs a test on each):

- ``real_site``: the repository as it is.
- ``edited_site``: a copy after the everyday edits of partners
  (tests/partner_edits.py): a published example, a changed Swedish text, a new
  initiative with a photo, a logo and website, a new English translation.

Browser tests share one Chromium (Debian's, never a downloaded one), one
local server of the showcase site, and ``page``/``open_page``, which fail a
test whose page asks any other host for anything.

Tiers (``make test-fast``, ``make test``, ``make screenshots``): each test is
marked ``build``, ``browser`` or ``screenshots`` from the fixtures and helpers it
uses (``pytest_collection_modifyitems`` below), so a new test lands in its tier
by itself; one that builds a site some other way fails, asking for the marker.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import inspect
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
import types
import urllib.parse
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path

import pytest
from lxml import etree, html

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SITE_URL = "https://social-innovation.example/"
# The address GitHub Pages gives a project: the site under a sub-path.
SUBPATH_SITE_URL = "https://example.github.io/webbplats/"
# The parts of the repository a build reads.
BUILD_INPUTS = ("mkdocs.yml", "docs", "content", "hooks", "overrides", "i18n", "schemas")


class BuiltSite:
    """A built site folder, with parsed pages cached."""

    def __init__(self, root: Path, site_url: str, log: str, source: Path | None = None):
        self.root = root
        self.source = source  # the repository it was built from
        self.site_url = site_url
        self.log = log
        self._pages: dict[str, html.HtmlElement] = {}

    def path(self, url: str) -> Path:
        """The file a visitor gets for a site-relative URL such as 'en/partners/'."""
        url = url.lstrip("/")
        return self.root / (url + "index.html" if url.endswith("/") or not url else url)

    def exists(self, url: str) -> bool:
        return self.path(url).is_file()

    def page(self, url: str) -> html.HtmlElement:
        if url not in self._pages:
            path = self.path(url)
            assert path.is_file(), f"no page at /{url} ({path})"
            self._pages[url] = html.fromstring(path.read_bytes())
        return self._pages[url]

    def xml(self, url: str) -> etree._Element:
        return etree.fromstring(self.path(url).read_bytes())

    @cached_property
    def _index_urls(self) -> list[tuple[str, bool]]:
        """(URL, is a redirect) for every index.html, redirects told by their refresh."""
        urls = []
        for path in sorted(self.root.rglob("index.html")):
            relative = path.parent.relative_to(self.root).as_posix()
            redirect = b'http-equiv="refresh"' in path.read_bytes()[:2000]
            urls.append(("" if relative == "." else relative + "/", redirect))
        return urls

    @cached_property
    def page_urls(self) -> list[str]:
        """Every HTML page but 404 and redirects, as site-relative URLs ('' is the home page)."""
        return [url for url, redirect in self._index_urls if not redirect]

    @cached_property
    def redirect_urls(self) -> list[str]:
        """The redirect pages of content/redirects.yml."""
        return [url for url, redirect in self._index_urls if redirect]

    def absolute(self, url: str) -> str:
        return self.site_url + url


def published_image(site: BuiltSite, src: str) -> str:
    """The absolute URL a content image is published at: an SVG as it is, a JPEG,
    PNG or WebP as its largest JPEG or PNG (hooks/images.py never publishes the original)."""
    folder, _, name = src.rpartition("/")
    stem, _, suffix = name.rpartition(".")
    if suffix.lower() == "svg":
        return site.absolute(src)
    pattern = re.compile(rf"{re.escape(stem)}-[0-9a-f]{{8}}-(\d+)\.(jpg|png)")
    widths = {int(m[1]): p.name for p in (site.root / folder).iterdir() if (m := pattern.fullmatch(p.name))}
    assert widths, f"{src} is not published"
    return site.absolute(f"{folder}/{widths[max(widths)]}")


def build_environment(**env: str) -> dict[str, str]:
    # No custom domain or address for tips unless a test gives one, whatever the shell has set.
    return {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "SITE_URL": SITE_URL,
        "CUSTOM_DOMAIN": "",
        "SIS_SUGGEST_EMAIL": "",
        **env,
    }


class PendingBuild:
    """`mkdocs build --strict` running in the background; ``result()`` waits for it.

    Its output goes to files beside the site, not pipes: a full pipe would
    stop the build until someone reads it."""

    def __init__(self, source: Path, target: Path, **env: str) -> None:
        self.source, self.target = source, target
        self.environment = build_environment(**env)
        self.log = target.parent / f"{target.name}-build.log"
        target.parent.mkdir(parents=True, exist_ok=True)
        command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(target)]
        with self.log.open("w", encoding="utf-8") as log:
            self.process = subprocess.Popen(command, cwd=source, env=self.environment, stdout=log, stderr=log)
        self._site: BuiltSite | None = None

    def result(self) -> BuiltSite:
        if self._site is None:
            returncode = self.process.wait()
            output = self.log.read_text("utf-8")
            assert returncode == 0, f"build failed:\n{output}"
            self._site = BuiltSite(self.target, self.environment["SITE_URL"], output, self.source)
        return self._site

    def stop(self) -> None:
        if self.process.poll() is None:
            if self.shared:  # another worker may be waiting for it
                self.process.wait()
            else:
                self.process.kill()
                self.process.wait()

    shared = False

    def announce(self, done: Path) -> None:
        """Once the build ends, write what a BuiltElsewhere waiting for it reads into ``done``."""
        self.shared = True

        def wait() -> None:
            facts = {"returncode": self.process.wait(), "source": str(self.source)}
            facts["site_url"] = self.environment["SITE_URL"]
            done.with_suffix(".tmp").write_text(json.dumps(facts), "utf-8")
            done.with_suffix(".tmp").rename(done)  # whole or not at all

        threading.Thread(target=wait, daemon=True).start()


class BuiltElsewhere:
    """A shared site that another pytest-xdist worker of this run builds."""

    WAIT_S = 900  # bounded: a build that never ends fails the test

    def __init__(self, done: Path) -> None:
        self.done = done
        self._site: BuiltSite | None = None

    def result(self) -> BuiltSite:
        if self._site is None:
            deadline = time.monotonic() + self.WAIT_S
            while not self.done.is_file():
                assert time.monotonic() < deadline, f"the {self.done.parent.name} site was never built"
                time.sleep(0.1)
            facts = json.loads(self.done.read_text("utf-8"))
            log = (self.done.parent / "site-build.log").read_text("utf-8")
            assert facts["returncode"] == 0, f"build failed:\n{log}"
            self._site = BuiltSite(self.done.parent / "site", facts["site_url"], log, Path(facts["source"]))
        return self._site

    def stop(self) -> None:
        pass


def shared_build(tmp_path_factory, name: str, source, **env: str) -> PendingBuild | BuiltElsewhere:
    """The build of a site the whole run shares. Under pytest-xdist (``make test``) the
    first worker to claim it builds it, into a folder all workers see, and the others
    wait for it: each site is built once per run, not once per worker.

    ``source``: the repository, or a function making it (called by the builder only)."""
    if "PYTEST_XDIST_WORKER" not in os.environ:
        repository = source() if callable(source) else source
        return PendingBuild(repository, tmp_path_factory.mktemp(f"{name}-site") / "site", **env)
    folder = tmp_path_factory.getbasetemp().parent / "shared-sites" / name  # the run's, not the worker's
    folder.mkdir(parents=True, exist_ok=True)
    try:
        os.close(os.open(folder / "claimed", os.O_CREAT | os.O_EXCL | os.O_WRONLY))
    except FileExistsError:
        return BuiltElsewhere(folder / "done")
    build = PendingBuild(source() if callable(source) else source, folder / "site", **env)
    build.announce(folder / "done")
    return build


def build_site(source: Path, target: Path, **env: str) -> BuiltSite:
    return PendingBuild(source, target, **env).result()


def content_only_repository(target: Path) -> Path:
    """A repository with the fixture partners (and their logos) and vocabularies, the
    real schemas, no initiatives and no pages: for checking content without building."""
    for folder in ("partners", "vocabulary"):
        shutil.copytree(FIXTURES / folder, target / "content" / folder)
    shutil.copytree(ROOT / "schemas", target / "schemas")
    (target / "content" / "initiatives").mkdir()
    logos = FIXTURES / "docs" / "images" / "partners"
    shutil.copytree(logos, target / "docs" / "images" / "partners")
    return target


@pytest.fixture(scope="session")
def case_template(tmp_path_factory) -> Path:
    """What each bad-content case's repository starts from (test_bad_content.py), made once:
    copying it for each case was a fifth of their time."""
    from test_bad_content import content_root_with

    return content_root_with(tmp_path_factory.mktemp("bad-content"), for_cases=True)


@pytest.fixture(scope="session", autouse=True)
def image_cache(tmp_path_factory) -> Path:
    """The builds' caches (site_content/caches.py: images by their content and recipe,
    compiled templates) in a folder of the run every worker sees, like shared_build's,
    and never the user's: each fixture image is made once per run, not once per build.
    Entries are written whole or not at all, so builds in several workers may fill it
    at once. Builds started as commands inherit SIS_CACHE_DIR."""
    base = tmp_path_factory.getbasetemp()
    folder = (base.parent if "PYTEST_XDIST_WORKER" in os.environ else base) / "caches"
    folder.mkdir(parents=True, exist_ok=True)
    before = os.environ.get("SIS_CACHE_DIR")
    os.environ["SIS_CACHE_DIR"] = str(folder)
    yield folder / "images"
    if before is None:
        os.environ.pop("SIS_CACHE_DIR", None)
    else:
        os.environ["SIS_CACHE_DIR"] = before


def copy_repository(target: Path) -> Path:
    target.mkdir(parents=True)
    for name in BUILD_INPUTS:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / name)
    return target


def use_fixture_content(source: Path, initiatives: list[Path], events_and_news: bool = True) -> Path:
    """Put the tests' own partners, vocabularies, redirects, content images and the
    given initiatives (and the tests' events and news, or none) in place of the
    repository's in a copy."""
    content = source / "content"
    for folder in ("partners", "vocabulary", "initiatives"):
        shutil.rmtree(content / folder)
    for folder in ("events", "news"):  # never the repository's examples
        shutil.rmtree(content / folder, ignore_errors=True)
        if events_and_news:
            shutil.copytree(FIXTURES / folder, content / folder)
    for folder in ("partners", "vocabulary"):
        shutil.copytree(FIXTURES / folder, content / folder)
    (content / "initiatives").mkdir()
    for path in initiatives:
        shutil.copy2(path, content / "initiatives" / path.name)
    shutil.copy2(FIXTURES / "redirects.yml", content / "redirects.yml")
    shutil.rmtree(source / "docs" / "images")
    shutil.copytree(FIXTURES / "docs", source / "docs", dirs_exist_ok=True)
    return source


# --- The repository's own content: real and after partners' edits ----------

# Each is only asserted on for what holds for any valid content.
CONTENT_SITES = ["real_site", "edited_site"]


@pytest.fixture(scope="session")
def real_build(tmp_path_factory) -> PendingBuild | BuiltElsewhere:
    return shared_build(tmp_path_factory, "real", ROOT)


@pytest.fixture(scope="session")
def real_site(real_build) -> BuiltSite:
    return real_build.result()


@pytest.fixture(scope="session")
def partner_edits(tmp_path_factory):
    """(the edited copy of the repository, what the edits did)."""
    from partner_edits import apply_partner_edits

    source = copy_repository(tmp_path_factory.mktemp("edited") / "repo")
    return source, apply_partner_edits(source)


@pytest.fixture(scope="session")
def edited_source(partner_edits) -> Path:
    return partner_edits[0]


@pytest.fixture(scope="session")
def edited_build(request, tmp_path_factory) -> PendingBuild | BuiltElsewhere:
    return shared_build(tmp_path_factory, "edited", lambda: request.getfixturevalue("edited_source"))


@pytest.fixture(scope="session")
def edited_site(edited_build) -> BuiltSite:
    return edited_build.result()


# Every site a test run shares, by the fixture that starts its build.
SHARED_SITES = {
    "real_site": "real_build",
    "edited_site": "edited_build",
    "showcase_site": "showcase_build",
    "subpath_site": "subpath_build",
    "empty_site": "empty_build",
    "large_site": "large_build",
}


@pytest.fixture(scope="session", autouse=True)
def start_shared_builds(request, image_cache):
    """Start the build of every shared site the selected tests need, before the
    first test: they run beside the tests instead of one by one when first
    asked for (each fixture ``*_site`` waits for its own)."""
    wanted = set().union(*(item.fixturenames for item in request.session.items))
    # And the sites tests name in a parameter, for request.getfixturevalue().
    for item in request.session.items:
        callspec = getattr(item, "callspec", None)
        wanted |= {v for v in (callspec.params.values() if callspec else ()) if isinstance(v, str)}
    if "content_site" in wanted:  # parametrized: asks for its sites by name
        wanted |= set(CONTENT_SITES)
    with builds_allowed():  # for the tests marked `build`, whichever test comes first
        builds = [request.getfixturevalue(build) for site, build in SHARED_SITES.items() if site in wanted]
    yield
    for build in builds:  # a run stopped early (-x) leaves none running
        build.stop()


@pytest.fixture(scope="session", params=CONTENT_SITES, ids=["real", "edited"])
def content_site(request) -> BuiltSite:
    """The repository's content as it is, then as partners' everyday edits leave it."""
    return request.getfixturevalue(request.param)


# --- make test's order on the workers (pytest-xdist, --dist loadscope) ----------

# Modules whose tests wait on Chromium and share no site a module builds for itself:
# under `make test` their tests go one by one to whichever worker is free, last,
# filling the end of the run evenly. Every other module's tests stay on one worker,
# so that what the module makes for itself (a build, the preview's chain) is made once.
SPREAD_MODULES = {
    "tests/test_accessibility_browser.py",
    "tests/test_catalogue_browser.py",
    "tests/test_face_browser.py",
    "tests/test_look_browser.py",
}
# The longest of the other modules, started first: as one unit each, they would
# otherwise start when their turn by number of tests comes, and end the run alone.
LONG_MODULES = [
    "tests/test_preview.py",  # the preview's chain of builds, then its fresh builds to compare
    "tests/test_html_valid.py",  # the HTML checker (Java) on three sites
    "tests/test_serve.py",
    "tests/test_serve_errors_browser.py",
    "tests/test_hostile_pages.py",
]


def _module(nodeid: str) -> str:
    return nodeid.split("::", 1)[0]


def _run_order(scopes: dict[str, dict]) -> list[str]:
    """The long modules first, then the others by number of tests (pytest-xdist's own
    order), then the spread modules' tests, each module's in their order."""
    counts: dict[str, int] = {}
    for scope, tests in scopes.items():
        counts[_module(scope)] = counts.get(_module(scope), 0) + len(tests)

    def rank(scope: str) -> tuple:
        module = _module(scope)
        if module in LONG_MODULES:
            return (0, LONG_MODULES.index(module), "")
        return (2 if module in SPREAD_MODULES else 1, -counts[module], module)

    return sorted(scopes, key=rank)  # stable


def pytest_xdist_make_scheduler(config, log):
    if config.getvalue("dist") != "loadscope":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class Scheduling(LoadScopeScheduling):
        ordered = False

        def _split_scope(self, nodeid: str) -> str:
            return nodeid if _module(nodeid) in SPREAD_MODULES else _module(nodeid)

        def _assign_work_unit(self, node) -> None:
            if not self.ordered:  # the queue is whole: put it in our order once
                self.ordered = True
                units = dict(self.workqueue)
                self.workqueue.clear()
                self.workqueue.update((scope, units[scope]) for scope in _run_order(units))
            super()._assign_work_unit(node)

    return Scheduling(config, log)


# --- Tiers: markers from the fixtures and helpers a test uses ------------------

# A test using any of these (or a fixture that depends on one) builds a site.
BUILD_FIXTURES = {*SHARED_SITES, *SHARED_SITES.values(), "content_site"}
# Functions that build a site: a test or fixture calling one, itself or through
# another function of its module, builds too.
BUILD_HELPERS = {"build_site", "run_build", "PendingBuild", "serve_build", "build_preview"}
BROWSER_FIXTURES = {"browser", "page", "open_page"}
SCREENSHOT_FIXTURES = {"screenshots"}
TIER_MARKERS = ("build", "browser", "screenshots")


def _names(code: types.CodeType) -> set[str]:
    """Every global and attribute name a function's code (and code nested in it) uses."""
    names, stack = set(), [code]
    while stack:
        code = stack.pop()
        names.update(code.co_names)
        stack += [const for const in code.co_consts if isinstance(const, types.CodeType)]
    return names


def calls_a_build(function, seen: dict) -> bool:
    """Whether ``function`` calls a BUILD_HELPERS function, itself or through its module's."""
    function = inspect.unwrap(function)
    code = getattr(function, "__code__", None)
    if code is None:
        return False
    if code not in seen:
        seen[code] = False  # a recursion comes back here: no build found on that path
        names = _names(code)
        module = getattr(function, "__globals__", {})
        seen[code] = bool(names & BUILD_HELPERS) or any(
            calls_a_build(module[name], seen)
            for name in names
            if inspect.isfunction(module.get(name)) and module[name].__module__ == function.__module__
        )
    return seen[code]


def pytest_collection_modifyitems(config, items):
    seen: dict = {}
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        # A site named by a parameter, for request.getfixturevalue().
        callspec = getattr(item, "callspec", None)
        fixtures |= {v for v in (callspec.params.values() if callspec else ()) if isinstance(v, str)}
        functions = [getattr(item, "function", None)]
        functions += [d.func for defs in item._fixtureinfo.name2fixturedefs.values() for d in defs]
        if fixtures & BUILD_FIXTURES or any(f is not None and calls_a_build(f, seen) for f in functions):
            item.add_marker(pytest.mark.build)
        if fixtures & (BROWSER_FIXTURES | SCREENSHOT_FIXTURES):
            item.add_marker(pytest.mark.browser)
        if fixtures & SCREENSHOT_FIXTURES:
            item.add_marker(pytest.mark.screenshots)


# The test being set up or run when it is not marked `build` (then nothing may
# start a build), else None.
_unmarked: list[str | None] = [None]


@contextmanager
def builds_allowed():
    held, _unmarked[0] = _unmarked[0], None
    try:
        yield
    finally:
        _unmarked[0] = held


def refuse_unmarked_build(what: str) -> None:
    if _unmarked[0] is not None:
        pytest.fail(
            f"{_unmarked[0]} builds a site ({what}) but is not marked `build`: use a site fixture"
            " or a helper of conftest.py (BUILD_FIXTURES, BUILD_HELPERS), or @pytest.mark.build",
            pytrace=False,
        )


_popen_init = subprocess.Popen.__init__


def _watched_popen_init(self, args, *rest, **options):
    arguments = [str(a) for a in (args if isinstance(args, list | tuple) else [args])]
    if any(Path(a).name in ("mkdocs", "properdocs", "serve.py") or "serve_build" in a for a in arguments):
        refuse_unmarked_build(" ".join(arguments[:4]))
    _popen_init(self, args, *rest, **options)


def pytest_configure(config):
    subprocess.Popen.__init__ = _watched_popen_init
    from mkdocs.plugins import PluginCollection

    on_pre_build = PluginCollection.on_pre_build

    def watched_on_pre_build(self, *args, **kwargs):
        refuse_unmarked_build("MkDocs in this process")
        return on_pre_build(self, *args, **kwargs)

    PluginCollection.on_pre_build = watched_on_pre_build


def _watching(item):
    """While a test sets up and runs: a build started by an unmarked test is refused."""
    _unmarked[0] = None if item.get_closest_marker("build") else item.nodeid
    try:
        return (yield)
    finally:
        _unmarked[0] = None


pytest_runtest_setup = pytest.hookimpl(wrapper=True)(_watching)
pytest_runtest_call = pytest.hookimpl(wrapper=True)(_watching)


# --- The tests' own content ----------------------------------------------------


@pytest.fixture(scope="session")
def showcase_source(tmp_path_factory) -> Path:
    source = copy_repository(tmp_path_factory.mktemp("showcase") / "repo")
    return use_fixture_content(source, sorted((FIXTURES / "initiatives").glob("*.yml")))


@pytest.fixture(scope="session")
def showcase_build(request, tmp_path_factory) -> PendingBuild | BuiltElsewhere:
    return shared_build(tmp_path_factory, "showcase", lambda: request.getfixturevalue("showcase_source"))


@pytest.fixture(scope="session")
def showcase_site(showcase_build) -> BuiltSite:
    return showcase_build.result()


@pytest.fixture(scope="session")
def subpath_build(request, tmp_path_factory) -> PendingBuild | BuiltElsewhere:
    source = lambda: request.getfixturevalue("showcase_source")  # noqa: E731
    return shared_build(tmp_path_factory, "subpath", source, SITE_URL=SUBPATH_SITE_URL)


@pytest.fixture(scope="session")
def subpath_site(subpath_build) -> BuiltSite:
    return subpath_build.result()


@pytest.fixture(scope="session")
def empty_build(tmp_path_factory) -> PendingBuild | BuiltElsewhere:
    """The fixture content with nothing published: its only initiative is a draft."""

    def source() -> Path:
        repository = copy_repository(tmp_path_factory.mktemp("empty") / "repo")
        draft = [FIXTURES / "initiatives" / "hemligt-utkast.yml"]
        return use_fixture_content(repository, draft, events_and_news=False)

    return shared_build(tmp_path_factory, "empty", source)


@pytest.fixture(scope="session")
def empty_site(empty_build) -> BuiltSite:
    return empty_build.result()


def run_build(source: Path, target: Path, **env: str) -> subprocess.CompletedProcess:
    """Build without asserting success, for tests of failing builds."""
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(target)]
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "CUSTOM_DOMAIN": "", **env}
    return subprocess.run(command, cwd=source, env=environment, capture_output=True, text=True)


# -----------------------------------------------------------------------------
# Browser: Playwright driving Debian's Chromium, the showcase served on loopback
# -----------------------------------------------------------------------------

# Debian's chromium-headless-shell (Chromium's old headless mode, what Playwright's
# own headless runs use) when there is one: the same engine without the browser's
# window machinery, a fifth less CPU per page here. Else the whole browser.
CHROMIUM = (
    os.environ.get("CHROMIUM_PATH")
    or shutil.which("chromium-headless-shell")
    or shutil.which("chromium")
    or "/usr/bin/chromium-headless-shell"
)
# Chromium's own calls home fail on closed networks and slow every start.
CHROMIUM_ARGS = [
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-gpu",
]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 360, "height": 740}


def missing_tool(message: str) -> None:
    """Skip locally; fail where every test must run (CI sets SIS_REQUIRE_BROWSER).

    For each tool the tests need besides Python: Chromium, Java, Node's packages.
    """
    if os.environ.get("SIS_REQUIRE_BROWSER"):
        pytest.fail(message)
    pytest.skip(message)


# Cards use `content-visibility: auto` (sis.css): the browser skips painting those
# off the screen, and a full-page screenshot showed them empty below the first
# screen. Before one, they are made visible through the CSSOM (element.style),
# which the pages' Content-Security-Policy allows, unlike an added <style>.
_SHOW_SKIPPED_CONTENT = """() => {
    for (const element of document.querySelectorAll("body *")) {
        if (getComputedStyle(element).contentVisibility === "auto") {
            element.style.contentVisibility = "visible";
        }
    }
}"""


def full_page_screenshot(page, path: Path) -> None:
    """The whole page as a reader scrolling through it sees it, saved as ``path``."""
    page.evaluate(_SHOW_SKIPPED_CONTENT)
    page.screenshot(path=str(path), full_page=True)


SCREENSHOTS = ROOT / "test-results" / "screenshots"


@pytest.fixture(scope="session")
def screenshots() -> Path:
    """The folder of screenshots CI keeps. A test asking for it is a `screenshots` test:
    `make screenshots` runs it, `make test` does not."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


@contextlib.contextmanager
def serving(root: Path):
    """A built site served as GitHub Pages serves it, on a free local port: its address."""
    handler = functools.partial(GitHubPagesHandler, directory=str(root))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()


@pytest.fixture(scope="session")
def server(showcase_site):
    with serving(showcase_site.root) as address:
        yield address


class GitHubPagesHandler(http.server.SimpleHTTPRequestHandler):
    """Serves as GitHub Pages does: 404.html, with status 404, for what is missing."""

    def send_error(self, code, message=None, explain=None):
        missing = Path(self.directory) / "404.html"
        if code != 404 or not missing.is_file():
            return super().send_error(code, message, explain)
        body = missing.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, *args):
        pass


AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="session")
def axe_source() -> Path:
    """axe-core's script (package-lock.json pins it; make test installs it)."""
    if not AXE.is_file():
        missing_tool(f"axe-core not found at {AXE}: run 'npm ci' (make test does)")
    return AXE


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        missing_tool(
            f"Chromium not found at {CHROMIUM}: apt-get install chromium-headless-shell,"
            " or set CHROMIUM_PATH (see README)"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


# Every page runs under the Content-Security-Policy of its <meta> (hooks/
# content_security.py). A violation is reported twice by Chromium: as a DOM
# event (passed on through a binding, which lives as long as the context) and
# on the console; either one fails the test.
_REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", event => {
  window.__sisPolicyViolation(
    `${event.effectiveDirective} blocked ${event.blockedURI || "inline"} at ${event.documentURI}` +
    (event.sample ? `: ${event.sample}` : ""));
});
"""


def watch_policy(context) -> list[str]:
    """Record every Content-Security-Policy violation in ``context``'s pages."""
    violations: list[str] = []
    context.expose_binding("__sisPolicyViolation", lambda _source, text: violations.append(text))
    context.add_init_script(_REPORT_VIOLATIONS)

    def on_console(message) -> None:
        if "Content Security Policy" in message.text or "Refused to" in message.text:
            violations.append(f"console: {message.text}")

    context.on("console", on_console)
    return violations


class Tabs:
    """Browser contexts by their options, each with one tab that tests take in turns: a
    new tab costs Chromium a renderer process and the site's scripts compiled again (a
    third of a short test). Each context records its requests and policy violations
    (``context.requests``, ``context.policy_violations``, emptied as a test takes it).

    A tab is handed over as a new one would be: after a test it goes to a file of the
    site that runs no script (Material stores a chosen scheme again, a moment after it
    is emptied), the storage of the sites it saw and the cookies are emptied, its routes
    removed, its media, scheme and size those of its context. One that cannot be (its
    page crashed) goes, with its context. The HTTP cache is kept, as a returning
    visitor's browser keeps it: a test of a first visit opens a context of its own."""

    def __init__(self, browser, server: str) -> None:
        self.browser, self.server = browser, server
        self.made: dict[str, object] = {}

    def take(self, taken: list, **options):
        """The tab of the context with ``options``, or a new page of it if this test (its
        pages in ``taken``) has the tab already; appended to ``taken``."""
        options.setdefault("viewport", DESKTOP)
        key = json.dumps(options, sort_keys=True)
        if key not in self.made:
            context = self.browser.new_context(**options)
            context.options, context.tab = options, None
            context.policy_violations = watch_policy(context)
            context.requests = []
            context.on("request", lambda request, context=context: context.requests.append(request.url))
            self.made[key] = context
        context = self.made[key]
        if not any(made is context for made, _ in taken):
            context.requests.clear()
            context.policy_violations.clear()
        if context.tab is None or context.tab.is_closed():
            page = context.tab = context.new_page()
            page.devtools = context.new_cdp_session(page)  # to empty the storage
        elif any(page is context.tab for _, page in taken):
            page = context.new_page()  # closed after the test
        else:
            page = context.tab
        taken.append((context, page))
        return page

    def hand_back(self, taken: list) -> None:
        for context, page in taken:
            if page is not context.tab:
                page.close()
                continue
            try:
                origins = {self.server, page.url} if page.url.startswith("http") else {self.server}
                page.unroute_all()
                page.goto(self.server + "robots.txt")
                page.evaluate("sessionStorage.clear()")  # the tab's own: DevTools leaves it
                page.emulate_media(media="null", color_scheme=context.options.get("color_scheme", "light"))
                page.set_viewport_size(context.options["viewport"])
                for origin in {urllib.parse.urljoin(url, "/").rstrip("/") for url in origins}:
                    storage = {"origin": origin, "storageTypes": "all"}
                    page.devtools.send("Storage.clearDataForOrigin", storage)
                context.clear_cookies()
                context.clear_permissions()
            except Exception:  # noqa: BLE001 - whatever went wrong, nothing of it is kept
                del self.made[json.dumps(context.options, sort_keys=True)]
                context.close()

    def close(self) -> None:
        for context in self.made.values():
            context.close()


@pytest.fixture(scope="module")
def tabs(browser, server):
    """The module's browser contexts and their tabs (``Tabs``)."""
    made = Tabs(browser, server)
    yield made
    made.close()


@pytest.fixture
def open_page(tabs, server):
    """open_page(viewport=..., color_scheme=...) -> a page, as new (see ``Tabs``).

    The test fails if a page asks another host for anything or breaks its
    Content-Security-Policy (``page.policy_violations``, for a test to read;
    ``page.requests``: the addresses its context asked for during the test).
    """
    taken = []

    def open_(**options):
        page = tabs.take(taken, **options)
        page.requests = page.context.requests
        page.policy_violations = page.context.policy_violations
        return page

    yield open_
    contexts = {id(context): context for context, _ in taken}.values()
    foreign = [url for context in contexts for url in context.requests if not url.startswith(server)]
    violations = [text for context in contexts for text in context.policy_violations]
    tabs.hand_back(taken)
    assert not foreign, f"requests to other hosts: {foreign}"
    assert not violations, f"Content-Security-Policy violations: {violations}"


@pytest.fixture
def page(open_page):
    return open_page()


# -----------------------------------------------------------------------------
# A larger catalogue: 60 synthetic initiatives (bench/catalogue.py) and a draft
# -----------------------------------------------------------------------------

LARGE_CATALOGUE = 60


@pytest.fixture(scope="session")
def large_build(tmp_path_factory) -> PendingBuild | BuiltElsewhere:
    """The repository with 60 made-up initiatives and a draft (the last one written): three pages of
    catalogue. Placeholder prose only, written into a temporary copy."""

    def source() -> Path:
        sys.path.insert(0, str(ROOT / "bench"))
        from catalogue import Vocabularies, write_catalogue

        repository = copy_repository(tmp_path_factory.mktemp("large") / "repo")
        # The tests' own partners and vocabularies, no events or news: never the repository's.
        use_fixture_content(repository, [], events_and_news=False)
        folder = repository / "content" / "initiatives"
        slugs = write_catalogue(folder, LARGE_CATALOGUE + 1, Vocabularies.read(repository))
        with (folder / f"{slugs[-1]}.yml").open("a", encoding="utf-8") as draft:
            draft.write("draft: true\n")
        return repository

    return shared_build(tmp_path_factory, "large", source)


@pytest.fixture(scope="session")
def large_site(large_build) -> BuiltSite:
    return large_build.result()


@pytest.fixture(scope="session")
def large_server(large_site):
    with serving(large_site.root) as address:
        yield address
