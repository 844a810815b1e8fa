"""Generate the pages of partners, initiatives and terms from ``content/``.

The content model (``site_content``) loads and checks the YAML; this hook adds
one in-memory page per entry and language, and renders page bodies with the
templates in ``overrides/sis/views/``.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from urllib.parse import urljoin

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

import event_news_pages
from content_errors import report as content_errors_report
from site_content import Content, ContentPaths, ContentProblems, load_content, markup, routes
from site_content.catalogue import (
    DEFAULT_PAGE_SIZE,
    DETAIL_LIMIT,
    catalogue_json,
    catalogue_page,
    page_count,
    page_numbers,
)
from site_content.loader import VOCABULARY_FILES
from site_content.model import Vocabulary
from site_content.routes import LANGUAGES, TERM_VOCABULARIES
from site_content.strings import Strings, load_strings
from site_content.translation_status import counts, status_rows
from site_state import View, state
from site_views import render_generated, render_view

log = logging.getLogger("mkdocs.hooks.content_pages")
# Pages of one entry or term, below the catalogue or the partners' page.
DETAIL_VIEWS = ("initiative", "partner", "term")

# -----------------------------------------------------------------------------
# Configuration
# -----------------------------------------------------------------------------


def on_startup(command: str, dirty: bool) -> None:
    state.command = command


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    state.reset()
    state.root = Path(config.config_file_path).parent
    show = str(config.extra.get("show_drafts", "")).lower() in ("1", "true", "yes")
    state.show_drafts = show or state.command == "serve"
    state.strings = load_strings(state.root / "i18n")
    state.repo_url = (config.repo_url or "").rstrip("/")
    return config


# -----------------------------------------------------------------------------
# Files: one generated page per entry and language
# -----------------------------------------------------------------------------


@event_priority(50)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    # Our views escape every value from content; only rendered Markdown is
    # marked safe in the templates, and it is the sanitised HTML of
    # site_content.markup (see on_page_content), not MkDocs' own conversion.
    state.env = config.theme.get_env()
    state.env.autoescape = True
    initiatives_dir = config.extra.get("initiatives_dir")
    paths = ContentPaths.under(
        state.root,
        docs=Path(config.docs_dir),
        initiatives=state.root / initiatives_dir if initiatives_dir else None,
    )
    try:
        content = load_content(paths, include_drafts=state.show_drafts)
    except ContentProblems as problems:
        if state.command != "serve":
            raise PluginError(problems.report("sv") + "\n\n" + problems.report("en")) from None
        content = _instead_of(problems)
    else:
        _last_loaded[0] = content
    state.content = content
    if content.warnings:
        log.info(warnings_line(state.strings[terminal_language()], len(content.warnings)))

    for partner in content.partners.values():
        for lang in LANGUAGES:
            _add_page(
                files,
                config,
                routes.partner(lang, partner.slug),
                f"partner:{partner.slug}",
                partner.description.get(lang),
                partner.is_translated(lang),
                partner.source,
                View("partner", {"partner": partner}, partner.name.get(lang)),
            )

    for initiative in content.initiatives.values():
        for lang in LANGUAGES:
            description = initiative.description.get(lang) if initiative.description else ""
            _add_page(
                files,
                config,
                routes.initiative(lang, initiative.slug),
                f"initiative:{initiative.slug}",
                description,
                initiative.is_translated(lang),
                initiative.source,
                View(
                    "initiative",
                    {"initiative": initiative},
                    initiative.name.get(lang),
                    draft=initiative.draft,
                ),
            )

    for vocabulary in TERM_VOCABULARIES:
        for term, _count in content.used_terms(vocabulary, "sv"):
            members = content.initiatives_with(term)
            for lang in LANGUAGES:
                title = state.strings[lang](f"term_{vocabulary}", label=term.label.get(lang))
                _add_page(
                    files,
                    config,
                    routes.term(lang, vocabulary, term.slug(lang)),
                    f"term:{vocabulary}:{term.key}",
                    "",
                    term.label.is_translated(lang),
                    None,
                    View("term", {"term": term, "members": members}, title),
                )

    # News and events, their lists and calendars (event_news_pages.py).
    event_news_pages.add_pages(files, config, content, lambda *page: _add_page(files, config, *page))

    rows = status_rows(content, paths)
    for lang in LANGUAGES:
        _add_page(
            files,
            config,
            routes.translation_status(lang),
            "translation-status",
            "",
            True,
            None,
            View(
                "translation-status",
                {"rows": rows, "counts": counts(rows)},
                state.strings[lang]["translation_status_title"],
                noindex=True,
            ),
        )

    # The catalogue at any size: numbered pages after the first (which is
    # docs/initiativ/index.md), and the data the filters work on.
    state.page_size = int(config.extra.get("catalogue_page_size") or DEFAULT_PAGE_SIZE)
    state.env.globals.update(
        catalogue_page=_catalogue_page,
        catalogue_page_size=state.page_size,
        page_numbers=page_numbers,
        detail_limit=DETAIL_LIMIT,
    )
    pages = page_count(len(content.initiatives), state.page_size)
    for number in range(2, pages + 1):
        for lang in LANGUAGES:
            _add_page(
                files,
                config,
                routes.catalogue_page(lang, number),
                f"catalogue-page:{number}",
                "",
                True,
                None,
                View(
                    "catalogue",
                    {"page_number": number},
                    state.strings[lang]("catalogue_page_title", number=number, count=pages),
                ),
            )
    for lang in LANGUAGES:
        files.append(
            File.generated(config, f"assets/catalogue/{lang}.json", content=catalogue_json(content, lang))
        )
    return files


# `mkdocs serve` only: the content of the last build whose content loaded.
_last_loaded: list[Content | None] = [None]


def _instead_of(problems: ContentProblems) -> Content:
    """Under `mkdocs serve`: report the errors and build on with the last good content.

    content_errors.py then shows the errors on every page instead of the page,
    and the build succeeds, so the browser is told to reload when they are fixed.
    """
    content_errors_report(problems)
    state.content_problems = problems
    return _last_loaded[0] or _empty_content()


def _empty_content() -> Content:
    """No entries and empty vocabularies: what the pages stand on before any content loaded."""
    vocabularies = {
        name: Vocabulary(name, f"content/vocabulary/{file}", {}) for name, file in VOCABULARY_FILES.items()
    }
    return Content({}, {}, vocabularies)


def terminal_language() -> str:
    """The language of messages to the person running the build: SIS_LANG, as ``make check``."""
    lang = os.environ.get("SIS_LANG", "sv")
    return lang if lang in LANGUAGES else "sv"


def warnings_line(t: Strings, count: int) -> str:
    """ "Innehållet har 1 varning …": the build's summary of the content's warnings."""
    return t("build_warnings", warnings=t.plural("warnings", count))


def _catalogue_page(content, lang: str, number: int):
    """For the catalogue view: page ``number`` of the results (site_content.catalogue)."""
    return catalogue_page(content, lang, number, state.page_size)


def _add_page(
    files: Files,
    config: MkDocsConfig,
    url: str,
    key: str,
    markdown: str,
    translated: bool,
    source: str | None,
    view: View,
) -> None:
    src_uri = routes.source_of(url)
    # MkDocs converts none of the text (its Markdown has attr_list): the body
    # shows the content model's sanitised HTML of it (on_page_content).
    file = File.generated(config, src_uri, content="", inclusion=InclusionLevel.NOT_IN_NAV)
    file.edit_uri = None
    files.append(file)
    state.views[src_uri] = view
    if markdown:
        state.texts[src_uri] = markdown
    state.translations.add(key, url, translated)
    if source:
        state.sources[src_uri] = source


# -----------------------------------------------------------------------------
# Pages: titles, edit links and bodies
# -----------------------------------------------------------------------------


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    view = state.views.get(page.file.src_uri)
    if view is None:
        return markdown
    page.meta["title"] = view.title
    page.meta["draft"] = view.draft
    if view.name == "catalogue":
        page.meta["view"] = "catalogue"  # main.html loads the catalogue's script
        page.meta["hide"] = ["toc"]  # the map stands beside the results instead
        # Numbered pages repeat cards indexed under each initiative: not in search.
        page.meta["search"] = {"exclude": True}
    # On paper an initiative says where it lives (main.html, outside the searchable body).
    page.meta["print_address"] = view.name == "initiative"
    # A page below a section (an initiative, a partner, a theme) lists nothing
    # in the left column: Material's sidebar would stand empty beside it. The
    # tabs and the breadcrumb say where it is; on a phone the menu still opens.
    if view.name in DETAIL_VIEWS:
        page.meta["hide"] = ["navigation"]
    if view.noindex:
        page.meta["noindex"] = True
        page.meta["search"] = {"exclude": True}
    source = state.sources.get(page.file.src_uri)
    if source and config.repo_url and config.edit_uri:
        page.edit_url = _edit_base(config) + source
    return markdown


def _edit_base(config: MkDocsConfig) -> str:
    """Where "edit this page" links to the repository root; once per build."""
    if state.edit_base is None:
        # edit_uri points into docs/; content/ sits beside it.
        docs = Path(config.docs_dir).resolve().relative_to(state.root.resolve()).as_posix()
        edit_base = urljoin(config.repo_url.rstrip("/") + "/", config.edit_uri)
        state.edit_base = urljoin(edit_base, "../" * (docs.count("/") + 1))
    return state.edit_base


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    # <link rel="prev/next"> in the head of every page of the catalogue.
    if page.meta.get("view") == "catalogue" and state.content is not None:
        lang = routes.language_of(page.url)
        number = state.views[page.file.src_uri].data["page_number"] if page.file.src_uri in state.views else 1
        listing = _catalogue_page(state.content, lang, number)
        page.meta["pagination"] = {"prev": listing.prev_url, "next": listing.next_url}
    return context


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    view = state.views.get(page.file.src_uri)
    if view is not None:
        text = state.texts.get(page.file.src_uri)
        if text:
            rendered = markup.render(text)
            html = rendered.html
            page.toc = get_toc(rendered.toc_tokens)
        return render_generated(state.env, view, page, html)
    if page.meta.get("view"):
        return render_view(state.env, page.meta["view"], page, html=html)
    return html
