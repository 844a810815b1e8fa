"""Redirect pages for old addresses, from ``content/redirects.yml``.

The file is read and checked with the rest of the content (its problems stop
the build like any content problem); the pages are written after the build,
when every target page has its title. They are left out of the sitemap and
the search index: they are not pages of the site.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

import content_errors
from content_security import with_policy
from site_build import SiteBuild, terminal_language
from site_content import ContentProblems, Problem
from site_content.redirects import load_redirects

SOURCE = "content/redirects.yml"

# -----------------------------------------------------------------------------
# Files: read and check the redirects once every page is known
# -----------------------------------------------------------------------------


# What MkDocs, Material and our steps write besides the build's files: the 404 page
# and sitemap (templates), the search indexes (search plugin, search_languages.py).
WRITTEN_LATER = (
    "404.html",
    "sitemap.xml",
    "sitemap.xml.gz",
    "search/search_index.json",
    "en/search/search_index.json",
    "CNAME",
)


def published_files(build: SiteBuild, config: MkDocsConfig) -> set[str]:
    """Every file the site publishes, site-relative: a redirect may replace none of them."""
    files = {file.dest_uri for file in build.files} if build.files is not None else set()
    return files | set(config.theme.static_templates) | set(WRITTEN_LATER)


def load(build: SiteBuild, config: MkDocsConfig) -> None:
    """Read and check the redirects once every file is known (after content_pages, languages,
    open_data, feeds and search_engines)."""
    taken = published_files(build, config)
    try:
        build.redirects = load_redirects(
            build.root / SOURCE,
            SOURCE,
            has_page=build.translations.has,
            known_keys=build.translations.keys(),
            taken=taken,
        )
    except ContentProblems as problems:
        build.redirects = []
        if not build.previewing:
            raise PluginError(problems.bilingual(terminal_language(), build.strings)) from None
        # The preview shows them on every page, as content errors; while content
        # has errors already, a page this file names may just be missing for now.
        if build.content_problems is None:
            content_errors.report(build, problems)
            build.content_problems = problems


# -----------------------------------------------------------------------------
# Titles, then the pages
# -----------------------------------------------------------------------------


def write(build: SiteBuild, config: MkDocsConfig) -> None:
    """The redirect pages, once every page's title is known (``build.titles``)."""
    template = build.env.get_template("sis/redirect.html")
    for redirect in build.redirects:
        target = build.translations.url_of(redirect.key, redirect.lang)
        html = template.render(
            lang=redirect.lang,
            t=build.strings[redirect.lang],
            title=build.titles.get(target) or config.site_name,
            href=get_relative_url(target or ".", redirect.old),
            canonical=urljoin(config.site_url or "", target),
        )
        path = Path(config.site_dir) / redirect.file
        occupant = _occupant(Path(config.site_dir), redirect.file, build.previewing)
        if occupant is not None:  # written since the check (load): never replaced, never a traceback
            _refuse_late(build, redirect, occupant)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        # The page's one-line script runs under the site's policy by its hash
        # (written to disk, never served with `mkdocs serve`'s live-reload script).
        path.write_text(with_policy(html, build.known_scripts), encoding="utf-8")


def _occupant(site: Path, file: str, previewing: bool) -> str | None:
    """The file in the site folder that writing ``file`` would replace, or that it would
    need as a folder. The preview rebuilds into the same folder: there a file itself may
    be last build's redirect, and only a folder that is a file counts."""
    parts = file.split("/")
    for end in range(1, len(parts) + 1):
        candidate = "/".join(parts[:end])
        path = site / candidate
        if end < len(parts) and path.exists() and not path.is_dir():
            return candidate
        if end == len(parts) and path.exists() and not previewing:
            return candidate
    return None


def _refuse_late(build: SiteBuild, redirect, occupant: str) -> None:
    """A redirect onto a file found only once the site is written: the build fails with
    the message the check gives; the preview leaves the redirect out."""
    params = {"value": redirect.old, "file": occupant}
    problem = Problem(SOURCE, redirect.line, None, "", "redirect-taken-file", params)
    if not build.previewing:
        raise PluginError(ContentProblems([problem]).bilingual(terminal_language(), build.strings))
