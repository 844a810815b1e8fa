"""The pages and calendars of news and events, for ``content_pages.add_pages``.

A step of ``content_pages.add_pages``, with its way of adding a generated
page, so that news and events get their languages, edit links and fallbacks
like every other entry.

"Upcoming" is decided here, at build time (``clock.build_time``, so
``SOURCE_DATE_EPOCH`` fixes it): the publishing workflow rebuilds the site
daily to move past events down the list.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from urllib.parse import urljoin, urlsplit

from babel.dates import format_date
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from site_build import SiteBuild, View
from site_content import calendar, routes
from site_content.clock import build_time
from site_content.event_time import machine_time, when
from site_content.model import Content
from site_content.routes import LANGUAGES

# News per page of /aktuellt/ and /en/news/ (mkdocs.yml: extra.news_page_size).
NEWS_PAGE_SIZE = 10

AddPage = Callable[..., None]


def add_pages(build: SiteBuild, files: Files, config: MkDocsConfig, add_page: AddPage) -> None:
    content = build.content
    now = build_time()
    upcoming = content.upcoming_events(now)
    past_years = content.past_events_by_year(now)
    for lang in LANGUAGES:
        t = build.strings[lang]
        add_page(
            routes.events(lang),
            "events",
            "",
            True,
            None,
            View("events", {"upcoming": upcoming, "past_years": past_years}, t["events_title"]),
        )
    for event in content.events.values():
        for lang in LANGUAGES:
            description = event.description.get(lang) if event.description else ""
            add_page(
                routes.event(lang, event.slug),
                f"event:{event.slug}",
                description,
                event.is_translated(lang),
                event.source,
                View(
                    "event",
                    {"event": event, "past": not event.is_upcoming(now)},
                    event.title.get(lang),
                    draft=event.draft,
                ),
            )

    size = _page_size(config)
    items = content.newest_news()
    pages = max(1, math.ceil(len(items) / size))
    for number in range(1, pages + 1):
        shown = items[(number - 1) * size : number * size]
        for lang in LANGUAGES:
            t = build.strings[lang]
            title = t["news_title"] if number == 1 else t("news_title_page", number=number, pages=pages)
            add_page(
                routes.news_page(lang, number),
                f"news:{number}",
                "",
                True,
                None,
                View("news", {"items": shown, "number": number, "pages": pages}, title),
            )
    for item in items:
        for lang in LANGUAGES:
            add_page(
                routes.news_item(lang, item.slug),
                f"news-item:{item.slug}",
                item.body.get(lang),
                item.is_translated(lang),
                item.source,
                View("news-item", {"item": item}, item.title.get(lang), draft=item.draft),
            )

    add_calendars(build, files, config, content)


def _page_size(config: MkDocsConfig) -> int:
    try:
        size = int(config.extra.get("news_page_size") or NEWS_PAGE_SIZE)
    except (TypeError, ValueError):
        size = NEWS_PAGE_SIZE
    return max(1, size)


def add_calendars(build: SiteBuild, files: Files, config: MkDocsConfig, content: Content) -> None:
    """The calendar of all events per language, and one file per event and language."""

    def absolute(path: str) -> str:
        return urljoin(config.site_url or "", path)

    host = urlsplit(config.site_url or "").hostname or "localhost"
    events = sorted(content.events.values(), key=lambda e: e.slug)
    for lang in LANGUAGES:
        name = f"{config.site_name} – {build.strings[lang]['events_title']}"
        text = calendar.calendar(events, lang, name, absolute, host)
        files.append(File.generated(config, routes.calendar(lang), content=text.encode("utf-8")))
        for event in events:
            one = calendar.calendar([event], lang, event.title.get(lang), absolute, host)
            files.append(
                File.generated(config, routes.event_calendar(lang, event.slug), content=one.encode("utf-8"))
            )


# -----------------------------------------------------------------------------
# Template helpers: dates in each language's words
# -----------------------------------------------------------------------------


def register(env) -> None:
    """``event_when(event, lang, t)``, ``|machine_time`` and ``|long_date(lang, t)`` for templates."""
    env.globals["event_when"] = when
    env.filters["machine_time"] = machine_time
    env.filters["long_date"] = long_date


def long_date(date, lang: str, t) -> str:
    """'28 mars 2027' / '28 March 2027'."""
    return format_date(date, t["news_date_pattern"], locale=lang)
