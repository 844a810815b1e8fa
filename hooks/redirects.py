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
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.utils import get_relative_url

from content_security import with_policy
from site_content import ContentProblems
from site_content.redirects import Redirect, load_redirects
from site_state import state

SOURCE = "content/redirects.yml"

_redirects: list[Redirect] = []
_titles: dict[str, str] = {}


# -----------------------------------------------------------------------------
# Files: read and check the redirects once every page is known
# -----------------------------------------------------------------------------


@event_priority(30)  # after content_pages and languages have registered every page
def on_files(files: Files, config: MkDocsConfig) -> Files:
    _redirects.clear()
    _titles.clear()
    taken = {_normal(file.url) for file in files.documentation_pages()}
    try:
        _redirects.extend(
            load_redirects(
                state.root / SOURCE,
                SOURCE,
                has_page=state.translations.has,
                known_keys=state.translations.keys(),
                taken=taken,
            )
        )
    except ContentProblems as problems:
        raise PluginError(problems.report("sv") + "\n\n" + problems.report("en")) from None
    return files


def _normal(url: str) -> str:
    return "" if url in (".", "./") else url


# -----------------------------------------------------------------------------
# Titles, then the pages
# -----------------------------------------------------------------------------


def on_env(env, config: MkDocsConfig, files: Files):
    # Every page has been read by now, so its title is known.
    for file in files.documentation_pages():
        if file.page is not None:
            _titles[_normal(file.page.url)] = file.page.title
    return env


def on_post_build(config: MkDocsConfig) -> None:
    template = state.env.get_template("sis/redirect.html")
    for redirect in _redirects:
        target = state.translations.url_of(redirect.key, redirect.lang)
        html = template.render(
            lang=redirect.lang,
            t=state.strings[redirect.lang],
            title=_titles.get(target, config.site_name),
            href=get_relative_url(target or ".", redirect.old),
            canonical=urljoin(config.site_url or "", target),
        )
        path = Path(config.site_dir) / redirect.file
        path.parent.mkdir(parents=True, exist_ok=True)
        # The page's one-line script runs under the site's policy by its hash
        # (written to disk, never served with `mkdocs serve`'s live-reload script).
        path.write_text(with_policy(html), encoding="utf-8")
