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
from site_content import ContentProblems
from site_content.redirects import load_redirects

SOURCE = "content/redirects.yml"

# -----------------------------------------------------------------------------
# Files: read and check the redirects once every page is known
# -----------------------------------------------------------------------------


def load(build: SiteBuild) -> None:
    """Read and check the redirects once every page is known (after content_pages and languages)."""
    # Every page is in the translations (content_pages, languages): its address is taken.
    taken = build.translations.urls()
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
        path.parent.mkdir(parents=True, exist_ok=True)
        # The page's one-line script runs under the site's policy by its hash
        # (written to disk, never served with `mkdocs serve`'s live-reload script).
        path.write_text(with_policy(html, build.known_scripts), encoding="utf-8")
