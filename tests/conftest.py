"""Build each site variant once per test run and share it between tests.

- ``real_site``: the repository as it is (its example initiatives are drafts,
  so the published catalogue is empty).
- ``showcase_site``: a copy of the repository whose initiatives come from
  ``tests/fixtures/initiatives`` plus a Swedish-only page from
  ``tests/fixtures/docs``; the tests' own catalogue, never the drafts.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from functools import cached_property
from pathlib import Path

import pytest
from lxml import etree, html

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SITE_URL = "https://social-innovation.example/"
# The parts of the repository a build reads.
BUILD_INPUTS = ("mkdocs.yml", "docs", "content", "hooks", "overrides", "i18n")


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


def build_site(source: Path, target: Path, **env: str) -> BuiltSite:
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(target)]
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": SITE_URL, **env}
    result = subprocess.run(command, cwd=source, env=environment, capture_output=True, text=True)
    assert result.returncode == 0, f"build failed:\n{result.stdout}\n{result.stderr}"
    return BuiltSite(target, SITE_URL, result.stderr)


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


def run_build(source: Path, target: Path, **env: str) -> subprocess.CompletedProcess:
    """Build without asserting success, for tests of failing builds."""
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(target)]
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **env}
    return subprocess.run(command, cwd=source, env=environment, capture_output=True, text=True)
