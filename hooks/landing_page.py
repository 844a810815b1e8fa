"""The landing pages (``/`` and ``/en/``): what ``overrides/home.html`` shows.

The texts stay in ``docs/index.md`` and ``docs/en/index.md``; this hook cuts
the rendered page at its ``<h2>`` headings so that the template can lay out
the opening as the hero and each later part as a section of its own, and
hands it the newest initiatives and the partners from ``content/``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from mkdocs.structure.pages import Page

import page_inputs
from site_build import SiteBuild, page_language
from site_content.clock import build_time

TEMPLATE = "home.html"
# The issue asks for three to six; six fills two rows of three on a desktop.
NEWEST = 6
# The next events and the latest news: one row of three each.
NEXT_EVENTS = 3
LATEST_NEWS = 3

# Markdown writes every h2 at the top level of the page body.
_H2 = re.compile(r"(?=<h2[\s>])")
_ID = re.compile(r'^<h2[^>]*\sid="([^"]+)"')


# -----------------------------------------------------------------------------
# What the template gets
# -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Section:
    """One part of the page's text, from an h2 to the next."""

    html: str
    id: str | None = None


@dataclass(frozen=True)
class Landing:
    intro: str
    sections: list[Section] = field(default_factory=list)
    newest: list = field(default_factory=list)
    partners: list = field(default_factory=list)
    # How many initiatives are published: none, and the hero invites a tip instead.
    published: int = 0
    events: list = field(default_factory=list)
    # No event coming up: the latest ones instead, under a heading that says so.
    events_past: bool = False
    news: list = field(default_factory=list)
    # The project in figures: (number, string key of its plural label).
    figures: list = field(default_factory=list)


def split_sections(html: str) -> tuple[str, list[Section]]:
    """The text before the first h2, and one section per h2."""
    intro, *parts = _H2.split(html)
    sections = []
    for part in parts:
        match = _ID.match(part)
        sections.append(Section(part, match.group(1) if match else None))
    return intro, sections


# -----------------------------------------------------------------------------
# Page context
# -----------------------------------------------------------------------------


def landing_context(build: SiteBuild, context: dict, page: Page) -> None:
    if page.meta.get("template") != TEMPLATE:
        return
    if page.file.src_uri in build.fallbacks:
        # A Swedish text under an English notice: kept whole, in its wrapper.
        intro, sections = page.content, []
    else:
        intro, sections = split_sections(page.content or "")
    lang = page_language(page)
    content = build.content
    upcoming = content.upcoming_events(build_time())[:NEXT_EVENTS] if content else []
    latest = [] if upcoming or not content else content.past_events(build_time())[:NEXT_EVENTS]
    context["landing"] = Landing(
        intro=intro,
        sections=sections,
        newest=content.newest_initiatives(NEWEST) if content else [],
        partners=content.sorted_partners(lang) if content else [],
        published=len(content.initiatives) if content else 0,
        events=upcoming or latest,
        events_past=bool(latest),
        news=content.newest_news(LATEST_NEWS) if content else [],
        figures=figures(content) if content else [],
    )


@page_inputs.declare("template", TEMPLATE)
def shown(content, lang: str, digests) -> list:
    """What the landing page shows of the content (the preview's comparison)."""
    upcoming = content.upcoming_events(build_time())[:NEXT_EVENTS]
    latest = [] if upcoming else content.past_events(build_time())[:NEXT_EVENTS]
    return [
        [digests.card(i) for i in content.newest_initiatives(NEWEST)],
        [digests.partner(p) for p in content.sorted_partners(lang)],  # cards without descriptions
        [digests.page_of(e) for e in upcoming or latest],
        [digests.page_of(n) for n in content.newest_news(LATEST_NEWS)],
        len(content.initiatives),
        figures(content),
    ]


def figures(content) -> list[tuple[int, str]]:
    """What the catalogue and the project count: each figure only when there is one."""
    places = {term for i in content.initiatives.values() for term in i.municipalities if not term.region_wide}
    counted = [
        (len(content.initiatives), "home_figure_initiatives"),
        (len(places), "home_figure_municipalities"),
        (len(content.partners), "home_figure_partners"),
        (len(content.events), "home_figure_events"),
    ]
    return [(n, key) for n, key in counted if n]
