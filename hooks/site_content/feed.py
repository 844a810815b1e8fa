"""What the Atom feed of one language lists: the latest initiatives, newest first.

The XML itself is written by the template ``overrides/sis/feed.xml``; this
module only chooses, orders and dates the entries.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from . import routes
from .model import Content, Initiative, Localized, NewsItem

# Entries per feed: readers fetch a feed often; the whole catalogue is in the export.
FEED_LIMIT = 50
# Vocabularies whose terms become the entries' categories.
CATEGORY_VOCABULARIES = ("themes", "municipalities")


@dataclass(frozen=True)
class Category:
    term: str
    label: Localized
    scheme: str


@dataclass(frozen=True)
class Entry:
    initiative: Initiative
    url: str
    published: str
    updated: str
    categories: list[Category]


@dataclass(frozen=True)
class Feed:
    lang: str
    id: str
    url: str
    alternate: str
    updated: str
    entries: list[Entry]


def changed(initiative: Initiative) -> datetime.date:
    return initiative.updated or initiative.added


def newest_first(content: Content) -> list[Initiative]:
    """By date of last change (``updated``, else ``added``), newest first; ties by slug."""
    by_slug = sorted(content.initiatives.values(), key=lambda i: i.slug)
    return sorted(by_slug, key=lambda i: (changed(i), i.added), reverse=True)


def atom_date(date: datetime.date) -> str:
    """An RFC 3339 timestamp for a date: Atom wants a time too."""
    return f"{date.isoformat()}T00:00:00Z"


def build_feed(
    content: Content,
    lang: str,
    absolute: Callable[[str], str],
    built: datetime.datetime,
    limit: int = FEED_LIMIT,
) -> Feed:
    initiatives = newest_first(content)[:limit]
    entries = [
        Entry(
            initiative,
            absolute(routes.initiative(lang, initiative.slug)),
            atom_date(initiative.added),
            atom_date(changed(initiative)),
            [
                Category(term.slug(lang), term.label, absolute(routes.terms(lang, vocabulary)))
                for vocabulary in CATEGORY_VOCABULARIES
                for term in initiative.terms(vocabulary)
            ],
        )
        for initiative in initiatives
    ]
    return _feed(lang, absolute(routes.feed(lang)), absolute(routes.initiatives(lang)), entries, built)


def _feed(lang: str, address: str, alternate: str, entries: list, built: datetime.datetime) -> Feed:
    """A feed at ``address`` beside the page ``alternate``: it changed when its newest
    entry did, an empty one when it was built."""
    updated = max((entry.updated for entry in entries), default=built.strftime("%Y-%m-%dT%H:%M:%SZ"))
    return Feed(lang, id=address, url=address, alternate=alternate, updated=updated, entries=entries)


# -----------------------------------------------------------------------------
# News: one feed per language beside the news list (routes.news_feed)
# -----------------------------------------------------------------------------


@dataclass(frozen=True)
class NewsEntry:
    item: NewsItem
    url: str
    published: str
    updated: str


def build_news_feed(
    content: Content,
    lang: str,
    absolute: Callable[[str], str],
    built: datetime.datetime,
    limit: int = FEED_LIMIT,
) -> Feed:
    """The latest news, newest first (drafts are not in the content of a published build)."""
    entries = [
        NewsEntry(
            item,
            absolute(routes.news_item(lang, item.slug)),
            atom_date(item.published),
            atom_date(item.updated or item.published),
        )
        for item in content.newest_news(limit)
    ]
    return _feed(lang, absolute(routes.news_feed(lang)), absolute(routes.news(lang)), entries, built)
