"""Build each site variant once per test run and share it between tests.

- ``real_site``: the repository as it is (its example initiatives are drafts,
  so the published catalogue is empty).
- ``showcase_site``: a copy of the repository whose initiatives come from
  ``tests/fixtures/initiatives`` plus a Swedish-only page from
  ``tests/fixtures/docs``; the tests' own catalogue, never the drafts.
- ``subpath_site``: the showcase built for a project address on GitHub Pages,
  ``https://<owner>.github.io/<repository>/``, where everything lives under a
  sub-path.

``browser`` is Debian's Chromium driven by Playwright, for the browser tests.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
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

    def __init__(self, root: Path, site_url: str, log: str):
        self.root = root
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
    def page_urls(self) -> list[str]:
        """Every HTML page but 404, as site-relative URLs ('' is the home page)."""
        urls = []
        for path in sorted(self.root.rglob("index.html")):
            relative = path.parent.relative_to(self.root).as_posix()
            urls.append("" if relative == "." else relative + "/")
        return urls

    def absolute(self, url: str) -> str:
        return self.site_url + url


def build_site(source: Path, target: Path, **env: str) -> BuiltSite:
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(target)]
    # No custom domain unless a test gives one, whatever the shell has set.
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": SITE_URL, "CUSTOM_DOMAIN": "", **env}
    result = subprocess.run(command, cwd=source, env=environment, capture_output=True, text=True)
    assert result.returncode == 0, f"build failed:\n{result.stdout}\n{result.stderr}"
    return BuiltSite(target, environment["SITE_URL"], result.stderr)


def copy_repository(target: Path) -> Path:
    target.mkdir(parents=True)
    for name in BUILD_INPUTS:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / name)
    return target


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> BuiltSite:
    return build_site(ROOT, tmp_path_factory.mktemp("real") / "site")


@pytest.fixture(scope="session")
def showcase_source(tmp_path_factory) -> Path:
    source = copy_repository(tmp_path_factory.mktemp("showcase") / "repo")
    shutil.rmtree(source / "content" / "initiatives")
    shutil.copytree(FIXTURES / "initiatives", source / "content" / "initiatives")
    shutil.copytree(FIXTURES / "docs", source / "docs", dirs_exist_ok=True)
    return source


@pytest.fixture(scope="session")
def showcase_site(showcase_source, tmp_path_factory) -> BuiltSite:
    return build_site(showcase_source, tmp_path_factory.mktemp("showcase-site") / "site")


@pytest.fixture(scope="session")
def subpath_site(showcase_source, tmp_path_factory) -> BuiltSite:
    target = tmp_path_factory.mktemp("subpath-site") / "site"
    return build_site(showcase_source, target, SITE_URL=SUBPATH_SITE_URL)


def run_build(source: Path, target: Path, **env: str) -> subprocess.CompletedProcess:
    """Build without asserting success, for tests of failing builds."""
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(target)]
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "CUSTOM_DOMAIN": "", **env}
    return subprocess.run(command, cwd=source, env=environment, capture_output=True, text=True)


# -----------------------------------------------------------------------------
# Browser: Playwright driving Debian's Chromium, the showcase served on loopback
# -----------------------------------------------------------------------------

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
# Chromium's own calls home fail on closed networks and slow every start.
CHROMIUM_ARGS = [
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-gpu",
]


@pytest.fixture(scope="session")
def server(showcase_site):
    handler = functools.partial(_QuietHandler, directory=str(showcase_site.root))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        message = f"Chromium not found at {CHROMIUM}: apt-get install chromium (see README)"
        if os.environ.get("SIS_REQUIRE_BROWSER"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.requests = requests
    yield page
    context.close()
    foreign = [url for url in requests if not url.startswith(server)]
    assert not foreign, f"requests to other hosts: {foreign}"
