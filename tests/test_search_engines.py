"""Each language once for search engines: canonical fallbacks, the sitemap, robots.txt.

On the showcase, whose fixture initiative Åkerlyckan and page ``bara-pa-svenska``
exist only in Swedish: their English fallbacks name the Swedish page as canonical,
are announced as a translation from neither side and stay out of the sitemap.
The sitemap's ``lastmod`` comes from the entries' dates and, in a git checkout,
from the history of each file (``site_content.history``).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest

from conftest import build_site
from site_content.history import last_commit_dates, parse_log

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
# The fallbacks of the showcase and the Swedish pages they show.
FALLBACKS = {
    "en/initiatives/akerlyckan/": "initiativ/akerlyckan/",
    "en/bara-pa-svenska/": "bara-pa-svenska/",
}
# W3C Datetime as sitemaps take it: a date, or a date and time with a time zone.
W3C_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?")


def canonical(site, url: str) -> list[str]:
    return site.page(url).xpath("//head/link[@rel='canonical']/@href")


def sitemap_entries(site) -> dict[str, dict]:
    entries = {}
    for url in site.xml("sitemap.xml").findall("s:url", NS):
        entries[url.findtext("s:loc", namespaces=NS)] = {
            "lastmod": url.findtext("s:lastmod", namespaces=NS),
            "alternates": {link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)},
        }
    return entries


# --- Fallbacks ----------------------------------------------------------------------


@pytest.mark.parametrize(("fallback", "original"), FALLBACKS.items())
def test_a_fallback_names_its_swedish_original_as_canonical(showcase_site, fallback, original):
    assert canonical(showcase_site, fallback) == [showcase_site.absolute(original)]
    assert canonical(showcase_site, original) == [showcase_site.absolute(original)]
    # Canonical is enough: no noindex, which would contradict it.
    assert not showcase_site.page(fallback).xpath("//meta[@name='robots']")
    # Neither side announces the fallback as a translation.
    for url in (fallback, original):
        assert not showcase_site.page(url).xpath("//head/link[@hreflang]"), url
    # The sitemap lists the original, without alternates, and not the fallback.
    entries = sitemap_entries(showcase_site)
    assert showcase_site.absolute(fallback) not in entries
    assert entries[showcase_site.absolute(original)]["alternates"] == {}


def test_a_translated_page_is_its_own_canonical(showcase_site):
    for url in ("en/initiatives/abborren/", "initiativ/abborren/", "en/background/"):
        assert canonical(showcase_site, url) == [showcase_site.absolute(url)], url


def test_the_sitemap_lists_every_indexable_page_once(showcase_site):
    entries = sitemap_entries(showcase_site)
    canonical_pages = [
        url
        for url in showcase_site.page_urls
        if canonical(showcase_site, url) == [showcase_site.absolute(url)]
        and not showcase_site.page(url).xpath("//meta[@name='robots'][@content='noindex']")
    ]
    assert sorted(entries) == sorted(showcase_site.absolute(url) for url in canonical_pages)
    assert not set(FALLBACKS) & set(canonical_pages)


# --- lastmod ----------------------------------------------------------------------


def test_lastmod_of_initiatives_and_terms_comes_from_their_dates(showcase_site):
    entries = sitemap_entries(showcase_site)

    def lastmod(url: str) -> str | None:
        return entries[showcase_site.absolute(url)]["lastmod"]

    assert lastmod("initiativ/abborren/") == "2026-11-26"  # updated
    assert lastmod("en/initiatives/abborren/") == "2026-11-26"
    assert lastmod("initiativ/zebrastigen/") == "2026-11-21"  # added, never updated
    # A theme: its newest initiative (Abborren, updated 2026-11-26, is about school).
    assert lastmod("initiativ/tema/skola/") == "2026-11-26"
    # The showcase is no git checkout: no file history, so no date is made up.
    assert lastmod("bakgrund/") is None
    assert lastmod("samverkansparter/coompanion-skane/") is None
    for entry in entries.values():
        assert entry["lastmod"] is None or W3C_DATETIME.fullmatch(entry["lastmod"]), entry


def test_lastmod_of_files_comes_from_their_last_commit(showcase_source, tmp_path):
    """A git checkout of the showcase: hand-written pages and partners get their file's date."""
    source = shutil.copytree(showcase_source, tmp_path / "repo")
    git = _git_in(source)
    git("init", "-q")
    git("add", "-A")
    git("commit", "-q", "-m", "first", date="2026-01-02T03:04:05+01:00")
    (source / "docs" / "bakgrund.md").write_text(
        (source / "docs" / "bakgrund.md").read_text("utf-8") + "\nEn rad till.\n", "utf-8"
    )
    git("commit", "-q", "-am", "second", date="2026-02-03T04:05:06+00:00")
    site = build_site(source, tmp_path / "site")
    entries = sitemap_entries(site)
    assert entries[site.absolute("bakgrund/")]["lastmod"] == "2026-02-03T04:05:06+00:00"
    assert entries[site.absolute("kontakt/")]["lastmod"] == "2026-01-02T03:04:05+01:00"
    assert entries[site.absolute("en/partners/coompanion-skane/")]["lastmod"] == "2026-01-02T03:04:05+01:00"
    assert entries[site.absolute("initiativ/abborren/")]["lastmod"] == "2026-11-26"  # its own date


def test_file_dates_come_from_one_log_newest_first():
    newer, older = "2026-03-01T10:00:00+01:00", "2026-01-01T09:00:00Z"
    log = f"\0{newer}\n\ndocs/a.md\ncontent/b.yml\n\0{older}\n\ndocs/a.md\n"
    assert parse_log(log) == {"docs/a.md": newer, "content/b.yml": newer}
    assert parse_log("") == {}


def test_no_dates_outside_a_full_git_checkout(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text("a", "utf-8")
    assert last_commit_dates(tmp_path) == {}  # not a checkout
    full = tmp_path / "full"
    shutil.copytree(tmp_path / "docs", full / "docs")
    git = _git_in(full)
    git("init", "-q")
    git("add", "-A")
    git("commit", "-q", "-m", "one", date="2026-01-02T03:04:05+00:00")
    git("commit", "-q", "--allow-empty", "-m", "two", date="2026-01-03T03:04:05+00:00")
    assert last_commit_dates(full) == {"docs/a.md": "2026-01-02T03:04:05+00:00"}
    # A shallow clone holds one commit: every file would seem changed in it.
    shallow = tmp_path / "shallow"
    subprocess.run(
        ["git", "clone", "-q", "--depth=1", f"file://{full}", str(shallow)], check=True, capture_output=True
    )
    assert last_commit_dates(shallow) == {}


def _git_in(root):
    def git(*args: str, date: str | None = None) -> None:
        env = {
            **os.environ,
            "GIT_AUTHOR_NAME": "Test",
            "GIT_AUTHOR_EMAIL": "test@example.org",
            "GIT_COMMITTER_NAME": "Test",
            "GIT_COMMITTER_EMAIL": "test@example.org",
            "GIT_CONFIG_GLOBAL": os.devnull,
        }
        if date:
            env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = date
        subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)

    return git


# --- robots.txt -------------------------------------------------------------------


@pytest.mark.parametrize("site", ["showcase_site", "subpath_site"])
def test_robots_txt_allows_all_and_names_the_sitemap(request, site):
    built = request.getfixturevalue(site)
    robots = built.path("robots.txt").read_text("utf-8")
    # Under a sub-path too: the sub-path's sitemap (MAINTAINING.md: where robots.txt has effect).
    assert robots == f"User-agent: *\nDisallow:\n\nSitemap: {built.site_url}sitemap.xml\n"
    assert built.exists("sitemap.xml")
