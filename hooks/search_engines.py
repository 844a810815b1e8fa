"""What search engines read besides the pages: ``robots.txt`` and the sitemap.

- ``robots.txt`` at the site root allows everything and names the sitemap.
- The sitemap (``overrides/sitemap.xml``) lists each text once: every page but
  those for maintainers (``noindex``) and the English fallbacks, whose
  canonical address is their Swedish original (hooks/languages.py). Each entry
  has its hreflang alternates and, where known, ``lastmod``: an initiative's
  ``updated`` (else ``added``), a theme's or municipality's newest initiative,
  and for hand-written pages and partners the date of their file's last commit
  (``site_content.history``, none outside a full git checkout).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from site_build import SiteBuild
from site_content.history import last_commit_dates

# -----------------------------------------------------------------------------
# robots.txt
# -----------------------------------------------------------------------------


def add_robots_txt(files: Files, config: MkDocsConfig) -> None:
    if files.get_file_from_path("robots.txt") is None:  # docs/robots.txt, if written, wins
        files.append(File.generated(config, "robots.txt", content=robots_txt(config.site_url or "")))


def robots_txt(site_url: str) -> str:
    """Crawlers read it only at the root of a host: see MAINTAINING.md, "Search engines"."""
    return f"User-agent: *\nDisallow:\n\nSitemap: {urljoin(site_url, 'sitemap.xml')}\n"


# -----------------------------------------------------------------------------
# Sitemap entries
# -----------------------------------------------------------------------------


def sitemap_entries(build: SiteBuild, env: Environment, config: MkDocsConfig) -> None:
    """``sis_sitemap_entry(page)`` for overrides/sitemap.xml (after ``languages.template_globals``)."""
    dates = last_commit_dates(build.root)
    docs = _relative_docs(build, config)
    hreflang = env.globals["sis_hreflang"]  # from hooks/languages.py

    def entry(page: Page | None) -> dict | None:
        """The page's sitemap entry, or None for a page that is not listed."""
        if page is None or page.is_link or not page.canonical_url or page.meta.get("noindex"):
            return None
        if build.translations.original_of(page.url) is not None:
            return None  # a fallback: its Swedish original is listed
        return {
            "loc": page.canonical_url,
            "lastmod": last_modified(build, page, dates, docs),
            "alternates": hreflang(page),
        }

    env.globals["sis_sitemap_entry"] = entry


def last_modified(build: SiteBuild, page: Page, dates: dict[str, str], docs: str) -> str | None:
    generated = build.page(page.file.src_uri)
    if generated is None:  # hand-written
        return dates.get(f"{docs}{page.file.src_uri}")
    view = generated.view
    if view.name == "initiative":
        initiative = view.data["initiative"]
        return (initiative.updated or initiative.added).isoformat()
    if view.name == "term":
        members = view.data["members"]
        return max((m.updated or m.added) for m in members).isoformat() if members else None
    source = generated.source  # a partner's file
    return dates.get(source) if source else None


def _relative_docs(build: SiteBuild, config: MkDocsConfig) -> str:
    """docs/ as a path below the repository root, with a trailing slash."""
    docs = Path(config.docs_dir).resolve().relative_to(build.root.resolve()).as_posix()
    return f"{docs}/"
