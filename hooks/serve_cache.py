"""Rebuild only the pages that changed while ``mkdocs serve`` runs.

After every save MkDocs rebuilds the whole site. At 1,000 initiatives most of
that time goes to Material's page template and search indexing of pages whose
HTML cannot have changed. During ``mkdocs serve`` only, this remembers a digest
of everything a page's HTML is made from: its body (our views have rendered
the content into it), title, metadata and URLs, its language versions, and the
files every page depends on (mkdocs.yml, docs/, i18n/, overrides/, hooks/).
When the digest is the same as in the previous build, the page's previous file
and search entries are reused instead of rendering it again. Likewise the
Markdown of a page (an initiative's description, say) is converted again only
when its text, its place or the site's list of files changed.

``mkdocs build`` never uses this: ``state.command`` is "build" there; nor does
``mkdocs serve --dirty``, which has its own way of skipping pages.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import shutil
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from site_state import state
from site_views import content_digest, fingerprint

# Renders a placeholder that on_post_page replaces with the previous HTML.
UNCHANGED_TEMPLATE = "sis/unchanged.html"
# Folders whose files every page may depend on, besides mkdocs.yml and docs/.
SITE_WIDE = ("i18n", "overrides", "hooks", "content/partners", "content/vocabulary")


@dataclass(frozen=True)
class _Rendered:
    """What MkDocs' Page.render leaves on a page, to set again without Markdown."""

    digest: str
    content: str
    toc: object
    title: str | None
    anchors: set[str] | None


class _Cache:
    """What one ``mkdocs serve`` process remembers from build to build."""

    def __init__(self) -> None:
        # Source URI -> (digest, the page's search index entries), last build.
        self.pages: dict[str, tuple[str, list[dict]]] = {}
        # Source URI -> the page's Markdown converted to HTML, last build.
        self.rendered: dict[str, _Rendered] = {}
        self.markdown_digests: dict[str, str] = {}
        self.files_digest = ""
        # The previous build's site folder, moved aside before MkDocs cleans it.
        self.previous: Path | None = None
        self.site_wide = ""
        # This build: digests, pages reused, where each page's entries start.
        self.digests: dict[str, str] = {}
        self.reused: set[str] = set()
        self.entries_from: dict[str, int] = {}


# Hook modules are loaded once per `mkdocs serve` process: this outlives builds.
_cache = _Cache()
# `mkdocs serve --dirty` writes only changed files and leaves the rest in place.
_dirty = False


def on_startup(command: str, dirty: bool) -> None:
    global _dirty
    _dirty = dirty


def _active() -> bool:
    # Not while content has errors: content_errors.py shows them on every page.
    return state.command == "serve" and not _dirty and state.content_problems is None


# -----------------------------------------------------------------------------
# Build: keep the previous site, note the site-wide inputs
# -----------------------------------------------------------------------------


def on_pre_build(config: MkDocsConfig) -> None:
    if not _active():
        return
    site = Path(config.site_dir)
    previous = site.with_name(site.name + "-previous")
    if previous.exists():
        # The build before last: out of the way now, deleted while this build runs.
        discarded = site.with_name(f"{site.name}-discarded-{time.monotonic_ns()}")
        os.replace(previous, discarded)
        threading.Thread(target=shutil.rmtree, args=(discarded, True), daemon=True).start()
    _cache.previous = None
    if (site / "index.html").is_file():
        # MkDocs empties the site folder next; keep its pages to reuse.
        os.replace(site, previous)
        site.mkdir()
        _cache.previous = previous
    _cache.digests, _cache.reused, _cache.entries_from = {}, set(), {}
    _cache.site_wide = _site_wide_digest(config)
    # Lets site_views reuse page bodies too (empty, and so unused, in `mkdocs build`).
    state.inputs_digest = _cache.site_wide


def _site_wide_digest(config: MkDocsConfig) -> str:
    """Names, sizes and times of the files that shape every page."""
    root = Path(config.config_file_path).parent
    folders = [Path(config.docs_dir), *(root / name for name in SITE_WIDE)]
    stamps = [[config.config_file_path, os.stat(config.config_file_path).st_mtime_ns]]
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                stat = path.stat()
                stamps.append([str(path), stat.st_size, stat.st_mtime_ns])
    return hashlib.sha256(json.dumps(stamps).encode()).hexdigest()


@event_priority(-100)  # after every hook has added its pages
def on_files(files: Files, config: MkDocsConfig) -> Files:
    if state.content_problems is not None:
        # This build's pages will be the error page: none of the last build's
        # pages may be reused from it in the next.
        _cache.pages.clear()
    if _active():
        # A page added or removed can make a link in unchanged Markdown valid or broken.
        _cache.files_digest = _digest(sorted(file.src_uri for file in files))
    return files


def _digest(inputs) -> str:
    return hashlib.sha256(json.dumps(inputs, default=str, sort_keys=True).encode()).hexdigest()


def on_shutdown() -> None:
    if _cache.previous:
        shutil.rmtree(_cache.previous, ignore_errors=True)


# -----------------------------------------------------------------------------
# Markdown: convert again only what changed
# -----------------------------------------------------------------------------


@event_priority(-100)  # the page's final Markdown, after every other hook
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if not _active():
        return markdown
    src_uri = page.file.src_uri
    digest = _digest([_cache.site_wide, _cache.files_digest, src_uri, page.url, markdown])
    _cache.markdown_digests[src_uri] = digest
    known = _cache.rendered.get(src_uri)
    if known and known.digest == digest:
        # MkDocs calls page.render() next; this instance's render sets the known result.
        page.render = functools.partial(_replay, page, known)
    return markdown


def _replay(page: Page, rendered: _Rendered, config: MkDocsConfig, files: Files) -> None:
    page.content = rendered.content
    page.toc = rendered.toc
    page._title_from_render = rendered.title
    page.present_anchor_ids = rendered.anchors


@event_priority(100)  # the Markdown's HTML, before our views wrap it
def _remember_markdown(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if not _active():
        return html
    src_uri = page.file.src_uri
    # Links to other pages' anchors are checked against those pages, new each
    # build: pages with such links are converted every time.
    if not page.links_to_anchors and src_uri in _cache.markdown_digests:
        _cache.rendered[src_uri] = _Rendered(
            _cache.markdown_digests[src_uri],
            html,
            page.toc,
            getattr(page, "_title_from_render", None),
            page.present_anchor_ids,
        )
    return html


# -----------------------------------------------------------------------------
# Pages: reuse the previous HTML when nothing it is made from changed
# -----------------------------------------------------------------------------


@event_priority(-100)  # after every other hook has finished the body
def _reuse_page(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if not _active():
        return html
    src_uri = page.file.src_uri
    counterpart = state.translations.counterpart(page.url)
    view = state.views.get(src_uri)
    inputs = [
        # Other hooks put content into the page's <head> and templates (JSON-LD,
        # the landing page's newest initiatives): a generated page depends on the
        # entries it shows, a hand-written page on all of them.
        fingerprint(view.data) if view else content_digest(),
        _cache.site_wide,
        src_uri,
        page.url,
        page.title,
        html,
        page.meta,
        page.edit_url,
        page.canonical_url,
        str(page.file.inclusion),
        counterpart.url if counterpart else None,
        state.translations.alternates(page.url),
    ]
    digest = _digest(inputs)
    _cache.digests[src_uri] = digest
    known = _cache.pages.get(src_uri)
    if known and known[0] == digest and _cache.previous and (_cache.previous / page.file.dest_uri).is_file():
        _cache.reused.add(src_uri)
        page.meta["template"] = UNCHANGED_TEMPLATE
        # The search plugin skips the page; its previous entries are added below.
        page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
    return html


# Two steps around our views: remember the Markdown's HTML, then the page's.
on_page_content = CombinedEvent(_remember_markdown, _reuse_page)


def _search_index(config: MkDocsConfig):
    for plugin in config.plugins.values():
        index = getattr(plugin, "search_index", None)
        if index is not None and hasattr(index, "entries"):
            return index
    return None


@event_priority(90)  # before the search plugin indexes the page
def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    if not _active():
        return context
    index = _search_index(config)
    if index is None:
        return context
    src_uri = page.file.src_uri
    if src_uri in _cache.reused:
        index.entries.extend(_cache.pages[src_uri][1])
    else:
        _cache.entries_from[src_uri] = len(index.entries)
    return context


@event_priority(-100)  # the page's final HTML, after every other hook
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    if not _active():
        return output
    src_uri = page.file.src_uri
    if src_uri in _cache.reused:
        return (_cache.previous / page.file.dest_uri).read_text(encoding="utf-8")
    index = _search_index(config)
    start = _cache.entries_from.pop(src_uri, None)
    entries = index.entries[start:] if index is not None and start is not None else []
    _cache.pages[src_uri] = (_cache.digests[src_uri], list(entries))
    return output
