"""The site builds the same with ProperDocs, the maintained fork of MkDocs 1.x.

MkDocs 1.6.1 is unmaintained; ProperDocs runs the same mkdocs.yml, theme and
hooks. Building the repository with both and comparing every file keeps the
way out open: only the generator's name in the pages' <meta> and the time of
the build in the open data and feeds may differ.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from conftest import ROOT, SITE_URL, BuiltSite

# <meta name="generator" content="mkdocs-1.6.1, …"> names the tool that built the page.
GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')
# The open data and the feeds state when they were built: seconds apart here.
BUILD_TIME = re.compile(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")


def _normal(data: bytes) -> bytes:
    return BUILD_TIME.sub(b"<time>", GENERATOR.sub(b"", data))


@pytest.fixture(scope="module")
def properdocs_site(tmp_path_factory) -> BuiltSite:
    target = tmp_path_factory.mktemp("properdocs") / "site"
    command = [
        sys.executable,
        "-m",
        "properdocs",
        "build",
        "--strict",
        "-f",
        "mkdocs.yml",
        "--site-dir",
        str(target),
    ]
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": SITE_URL}
    result = subprocess.run(command, cwd=ROOT, env=environment, capture_output=True, text=True)
    assert result.returncode == 0, f"properdocs build failed:\n{result.stdout}\n{result.stderr}"
    return BuiltSite(target, SITE_URL, result.stderr, ROOT)


def _files(site: BuiltSite) -> list[str]:
    return sorted(path.relative_to(site.root).as_posix() for path in site.root.rglob("*") if path.is_file())


def test_properdocs_writes_the_same_files(real_site, properdocs_site):
    assert _files(properdocs_site) == _files(real_site)
    assert len(properdocs_site.page_urls) > 20


def test_properdocs_built_it(properdocs_site, real_site):
    """The comparison below would be empty if both builds had used MkDocs."""
    assert b"ProperDocs" in GENERATOR.search(properdocs_site.path("").read_bytes()).group()
    assert b"ProperDocs" not in GENERATOR.search(real_site.path("").read_bytes()).group()


@pytest.mark.parametrize(
    "url",
    ["", "en/", "initiativ/", "en/partners/coompanion-skane/", "bakgrund/", "404.html", "sitemap.xml"],
)
def test_properdocs_page_is_identical(real_site, properdocs_site, url):
    ours = _normal(real_site.path(url).read_bytes())
    theirs = _normal(properdocs_site.path(url).read_bytes())
    assert theirs == ours


def test_properdocs_every_file_is_identical(real_site, properdocs_site):
    different = [
        name
        for name in _files(real_site)
        if _normal((real_site.root / name).read_bytes())
        != _normal((properdocs_site.root / name).read_bytes())
    ]
    assert different == []
