"""The pages of partners, initiatives and terms, made from ``content/``.

The content model (``site_content``) loads and checks the YAML; these steps
add one in-memory page per entry and language, and render page bodies with
the templates in ``overrides/sis/views/``.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

import content_errors
import event_news_pages
import page_inputs
from site_build import GeneratedPage, SiteBuild, View, page_language, terminal_language
from site_content import Content, ContentPaths, ContentProblems, load_content, markup, routes
from site_content.catalogue import DEFAULT_PAGE_SIZE, catalogue_json, catalogue_page, page_count
from site_content.check import read_changed_files, split_by_change
from site_content.clock import build_time
from site_content.loader import VOCABULARY_FILES
from site_content.model import Vocabulary, in_calendar_order
from site_content.routes import LANGUAGES, TERM_VOCABULARIES
from site_content.strings import Strings
from site_content.translation_status import counts, status_rows
from views import render_view

log = logging.getLogger("mkdocs.hooks.content_pages")
# Pages of one entry or term, below the catalogue or the partners' page.
DETAIL_VIEWS = ("initiative", "partner", "term")

# Search ranks what visitors look for (initiatives, events, news) above pages
# about the project (partners, background) for the same match: Material's
# per-page boost (front matter `search: boost:`) in the search index.
SEARCH_BOOST = {"initiative": 2, "event": 2, "news-item": 2, "partner": 0.5}
PAGE_BOOST = 0.5  # hand-written pages: background, results, contact …

# -----------------------------------------------------------------------------
# Content: loaded once per build
# -----------------------------------------------------------------------------


def content_paths(build: SiteBuild, config: MkDocsConfig) -> ContentPaths:
    initiatives_dir = config.extra.get("initiatives_dir")
    return ContentPaths.under(
        build.root,
        docs=Path(config.docs_dir),
        initiatives=build.root / initiatives_dir if initiatives_dir else None,
    )


def load(build: SiteBuild, config: MkDocsConfig) -> None:
    """The content model into ``build.content``; errors stop the build, or in the preview are shown."""
    cache = build.preview.content if build.preview else None
    try:
        content = load_content(content_paths(build, config), include_drafts=build.show_drafts, cache=cache)
    except ContentProblems as problems:
        if not build.previewing:
            raise PluginError(problems.bilingual(terminal_language(), build.strings)) from None
        # The preview builds on with no entries; content_errors.py shows the
        # errors on every page, and the browser reloads once they are fixed.
        content_errors.report(build, problems)
        content_errors.hide_missing_links(build)
        build.content_problems = problems
        content = empty_content()
    build.content = content
    own = own_warnings(content.warnings)
    if own:
        log.info(warnings_line(build.strings[terminal_language()], own))


def own_warnings(warnings: list) -> list:
    """In a pull request (SIS_CHANGED_FILES, as for the check), the warnings of the files
    it changes; the rest are known already and the check told them once, folded."""
    listed = os.environ.get("SIS_CHANGED_FILES")
    changed = read_changed_files(listed) if listed and Path(listed).is_file() else None
    return split_by_change(warnings, changed)[0]


def empty_content() -> Content:
    """No entries and empty vocabularies: what the pages stand on while content has errors."""
    vocabularies = {
        name: Vocabulary(name, f"content/vocabulary/{file}", {}) for name, file in VOCABULARY_FILES.items()
    }
    return Content({}, {}, vocabularies)


# Files the build's summary of warnings names; `make check` and the pull request's check tell every one.
NAMED_FILES = 3


def warnings_line(t: Strings, warnings: list) -> str:
    """ "Innehållet har 1 varning … i content/…": the build's summary of the content's warnings,
    with the first files they are in."""
    files = sorted({warning.file for warning in warnings})
    named = ", ".join(files[:NAMED_FILES])
    if len(files) > NAMED_FILES:
        named += " " + t.plural("more_files", len(files) - NAMED_FILES)
    return t("build_warnings", warnings=t.plural("warnings", len(warnings)), files=named)


# -----------------------------------------------------------------------------
# Files: one generated page per entry and language
# -----------------------------------------------------------------------------


def add_pages(build: SiteBuild, files: Files, config: MkDocsConfig) -> None:
    """Every page made from content, and the catalogue's data files."""
    content = build.content
    now = build_time()  # whether an event is upcoming is decided at build time, as on the events page

    def add(url: str, key: str, text: str, translated: bool, source: str | None, view: View) -> None:
        add_page(build, files, config, url, key, text, translated, source, view)

    for partner in content.partners.values():
        for lang in LANGUAGES:
            add(
                routes.partner(lang, partner.slug),
                f"partner:{partner.slug}",
                partner.description.get(lang),
                partner.is_translated(lang),
                partner.source,
                View(
                    "partner",
                    {"partner": partner, "events": in_calendar_order(partner.events, now)},
                    partner.name.get(lang),
                ),
            )

    for initiative in content.initiatives.values():
        for lang in LANGUAGES:
            add(
                routes.initiative(lang, initiative.slug),
                f"initiative:{initiative.slug}",
                initiative.description.get(lang) if initiative.description else "",
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
            # A municipality's page lists the whole region's initiatives too.
            members = content.initiatives_in(term)
            regions = [] if term.region_wide else [
                place for place in content.sorted_terms(vocabulary, "sv")
                if place.region_wide and any(place in i.municipalities for i in members)
            ]  # fmt: skip
            for lang in LANGUAGES:
                title = build.strings[lang](f"term_{vocabulary}", label=term.label.get(lang))
                add(
                    routes.term(lang, vocabulary, term.slug(lang)),
                    f"term:{vocabulary}:{term.key}",
                    "",
                    term.label.is_translated(lang),
                    None,
                    View("term", {"term": term, "members": members, "regions": regions}, title),
                )

    # News and events, their lists and calendars (event_news_pages.py).
    event_news_pages.add_pages(build, files, config, add)

    rows = status_rows(content, content_paths(build, config))
    for lang in LANGUAGES:
        add(
            routes.translation_status(lang),
            "translation-status",
            "",
            True,
            None,
            View(
                "translation-status",
                {"rows": rows, "counts": counts(rows)},
                build.strings[lang]["translation_status_title"],
                noindex=True,
            ),
        )

    # The catalogue at any size: numbered pages after the first (which is
    # docs/initiativ/index.md), and the data the filters work on.
    build.page_size = int(config.extra.get("catalogue_page_size") or DEFAULT_PAGE_SIZE)
    pages = page_count(len(content.initiatives), build.page_size)
    ordered = {lang: content.sorted_initiatives(lang) for lang in LANGUAGES} if pages > 1 else {}
    for number in range(2, pages + 1):
        for lang in LANGUAGES:
            shown = ordered[lang][(number - 1) * build.page_size : number * build.page_size]
            add(
                routes.catalogue_page(lang, number),
                f"catalogue-page:{number}",
                "",
                True,
                None,
                View(
                    "catalogue",
                    {"page_number": number, "shown": shown},
                    build.strings[lang]("catalogue_page_title", number=number, count=pages),
                ),
            )
    for lang in LANGUAGES:
        files.append(
            File.generated(
                config, f"assets/catalogue/{lang}.json", content=catalogue_json(content, lang, build.pictures)
            )
        )


def add_page(
    build: SiteBuild,
    files: Files,
    config: MkDocsConfig,
    url: str,
    key: str,
    text: str,
    translated: bool,
    source: str | None,
    view: View,
) -> None:
    src_uri = routes.source_of(url)
    # MkDocs converts none of the text: the body shows the content model's
    # sanitised HTML of it (page_body), rendered by our views.
    file = File.generated(config, src_uri, content="", inclusion=InclusionLevel.NOT_IN_NAV)
    file.edit_uri = None
    files.append(file)
    build.generated[src_uri] = GeneratedPage(url, src_uri, view, text or "", source)
    build.translations.add(key, url, translated)
    build.titles[url] = view.title or ""


# -----------------------------------------------------------------------------
# Pages: titles, edit links and bodies
# -----------------------------------------------------------------------------


def page_meta(build: SiteBuild, page: Page, config: MkDocsConfig) -> None:
    """A generated page's title, draft mark, layout and edit link."""
    generated = build.page(page.file.src_uri)
    if generated is None:
        return
    view = generated.view
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
    if generated.source and build.repo_url:
        page.edit_url = f"{build.repo_url}/{EDIT_PATH}{generated.source}"


# Where the footer's "Föreslå en ändring" leads: the file in the repository's
# editor (repository root relative; docs pages under docs/).
EDIT_PATH = "edit/main/"


def search_boost(build: SiteBuild, page: Page) -> None:
    """The page's weight in search (SEARCH_BOOST), unless it is left out of search."""
    search = page.meta.get("search")
    if isinstance(search, dict) and (search.get("exclude") or "boost" in search):
        return
    generated = build.page(page.file.src_uri)
    if generated is not None:
        boost = SEARCH_BOOST.get(generated.view.name)
    else:
        boost = PAGE_BOOST if page.meta.get("template") != "home.html" else None
    if boost is not None:
        page.meta["search"] = {**(search if isinstance(search, dict) else {}), "boost": boost}


def edit_url(build: SiteBuild, page: Page, config: MkDocsConfig) -> None:
    """A hand-written page's (or its Swedish fallback's) file in the repository's editor.

    MkDocs would do it from repo_url, which would also put Material's
    repository link in the header: the address is extra.repository instead."""
    if page.edit_url or not build.repo_url or build.page(page.file.src_uri) is not None:
        return
    source = page.file.edit_uri
    if source:
        docs = Path(config.docs_dir).resolve().relative_to(build.root.resolve()).as_posix()
        page.edit_url = f"{build.repo_url}/{EDIT_PATH}{docs}/{source}"


def page_body(build: SiteBuild, page: Page) -> None:
    """The body of a generated page, or of a hand-written page with a ``view``."""
    generated = build.page(page.file.src_uri)
    if generated is not None:
        html = ""
        if generated.text:
            rendered = markup.render(generated.text)
            html = rendered.html
            page.toc = get_toc(rendered.toc_tokens)
        page.content = render_view(build, generated.view.name, page, html=html, **generated.view.data)
    elif page.meta.get("view"):
        page.content = render_view(build, page.meta["view"], page, html=page.content)


# What the hand-written pages with a view show of the content (the preview's comparison).


@page_inputs.declare("view", "catalogue")
def catalogue_shown(content, lang: str, digests) -> list:
    first = catalogue_page(content, lang, 1, digests.page_size).initiatives
    return [digests.facets(), [digests.card(i) for i in first]]


@page_inputs.declare("view", "partners")
def partners_shown(content, lang: str, digests) -> list:
    return [digests.partner(p) + p.digest for p in content.sorted_partners(lang)]  # cards with descriptions


@page_inputs.declare("view", "contact")
def contact_shown(content, lang: str, digests) -> list:
    return [digests.partner_reach(p) for p in content.sorted_partners(lang)]


def pagination(build: SiteBuild, page: Page) -> None:
    """<link rel="prev/next"> in the head of every page of the catalogue."""
    if page.meta.get("view") != "catalogue" or build.content is None:
        return
    generated = build.page(page.file.src_uri)
    number = generated.view.data["page_number"] if generated else 1
    listing = catalogue_page(build.content, page_language(page), number, build.page_size)
    page.meta["pagination"] = {"prev": listing.prev_url, "next": listing.next_url}
