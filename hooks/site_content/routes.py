"""Where each page of the site lives, in each language's own words.

URLs are public and must stay stable: change nothing here without redirects.
All paths are site-relative, with a trailing slash, as MkDocs writes them.
"""

from __future__ import annotations

from urllib.parse import urljoin

LANGUAGES = ("sv", "en")
DEFAULT_LANGUAGE = "sv"

_PREFIX = {"sv": "", "en": "en/"}
_SECTIONS = {
    "sv": {
        "partners": "samverkansparter",
        "initiatives": "initiativ",
        "themes": "tema",
        "municipalities": "kommun",
        "page": "sida",
    },
    "en": {
        "partners": "partners",
        "initiatives": "initiatives",
        "themes": "theme",
        "municipalities": "municipality",
        "page": "page",
    },
}
# Vocabularies whose terms have pages of their own.
TERM_VOCABULARIES = ("themes", "municipalities")


def language_of(path: str) -> str:
    """The language of a page, from its source path or URL."""
    return "en" if path == "en" or path.startswith("en/") else DEFAULT_LANGUAGE


def other_language(lang: str) -> str:
    return "en" if lang == "sv" else "sv"


def home(lang: str) -> str:
    return _PREFIX[lang]


def partners(lang: str) -> str:
    return f"{_PREFIX[lang]}{_SECTIONS[lang]['partners']}/"


def partner(lang: str, slug: str) -> str:
    return f"{partners(lang)}{slug}/"


def initiatives(lang: str) -> str:
    return f"{_PREFIX[lang]}{_SECTIONS[lang]['initiatives']}/"


def initiative(lang: str, slug: str) -> str:
    return f"{initiatives(lang)}{slug}/"


def catalogue_page(lang: str, number: int) -> str:
    """Page ``number`` of the catalogue for visitors without JavaScript; 1 is the catalogue."""
    if number <= 1:
        return initiatives(lang)
    return f"{initiatives(lang)}{_SECTIONS[lang]['page']}/{number}/"


def terms(lang: str, vocabulary: str) -> str:
    """The folder of a vocabulary's term pages (no page of its own)."""
    return f"{initiatives(lang)}{_SECTIONS[lang][vocabulary]}/"


def term(lang: str, vocabulary: str, term_slug: str) -> str:
    return f"{terms(lang, vocabulary)}{term_slug}/"


def feed(lang: str) -> str:
    """The Atom feed of new and updated initiatives."""
    return f"{_PREFIX[lang]}feed.xml"


# -----------------------------------------------------------------------------
# News and events (content/news/, content/events/)
# -----------------------------------------------------------------------------

_NEWS = {"sv": "aktuellt", "en": "news"}
_EVENTS = {"sv": "evenemang", "en": "events"}
_PAGE = {"sv": "sida", "en": "page"}
_CALENDAR = {"sv": "kalender.ics", "en": "calendar.ics"}


def news(lang: str) -> str:
    return f"{_PREFIX[lang]}{_NEWS[lang]}/"


def news_page(lang: str, number: int) -> str:
    """Page ``number`` of the news list; the first is the list itself."""
    return news(lang) if number == 1 else f"{news(lang)}{_PAGE[lang]}/{number}/"


def news_item(lang: str, slug: str) -> str:
    return f"{news(lang)}{slug}/"


def news_feed(lang: str) -> str:
    """The Atom feed of news, beside the list it follows."""
    return f"{news(lang)}feed.xml"


def events(lang: str) -> str:
    return f"{_PREFIX[lang]}{_EVENTS[lang]}/"


def event(lang: str, slug: str) -> str:
    return f"{events(lang)}{slug}/"


def calendar(lang: str) -> str:
    """Every event as one iCalendar file, to subscribe to."""
    return f"{events(lang)}{_CALENDAR[lang]}"


def calendar_links(site_url: str, lang: str) -> dict[str, str]:
    """The calendar's address to copy (https) and to subscribe to (webcal: a
    calendar program subscribes to it instead of importing a copy once)."""
    address = urljoin(site_url, calendar(lang))
    return {"https": address, "webcal": "webcal://" + address.split("://", 1)[-1]}


def event_calendar(lang: str, slug: str) -> str:
    """One event as an iCalendar file, to add it to a calendar; named after the event."""
    return f"{event(lang, slug)}{slug}.ics"


def source_of(url: str) -> str:
    """The Markdown source of a generated page at ``url`` (directory URLs)."""
    return url.rstrip("/") + ".md"


# Hand-written pages in docs/, by translation key. The file names in docs/
# give these URLs; routes only name them for links from templates.
_PAGES = {
    "background": {"sv": "bakgrund/", "en": "background/"},
    "results": {"sv": "resultat/", "en": "results/"},
    "contact": {"sv": "kontakt/", "en": "contact/"},
    "accessibility": {"sv": "tillganglighet/", "en": "accessibility/"},
    "privacy": {"sv": "integritet/", "en": "privacy/"},
    "open-data": {"sv": "oppna-data/", "en": "open-data/"},
    "suggest": {"sv": "tipsa/", "en": "suggest/"},
}


def translation_status(lang: str) -> str:
    return f"{_PREFIX[lang]}{'oversattningsstatus' if lang == 'sv' else 'translation-status'}/"


def page(lang: str, key: str) -> str:
    return f"{_PREFIX[lang]}{_PAGES[key][lang]}"


def section_addresses() -> list[str]:
    """The folders of the site's own sections, in both languages ('initiativ/tema/',
    'en/news/page/' …): an entry's page is a folder beside them (initiativ/<slug>/)."""
    found: list[str] = []
    for lang in LANGUAGES:
        found += [home(lang), partners(lang), initiatives(lang)]
        found += [terms(lang, vocabulary) for vocabulary in TERM_VOCABULARIES]
        found += [f"{initiatives(lang)}{_SECTIONS[lang]['page']}/", news(lang), f"{news(lang)}{_PAGE[lang]}/"]
        found.append(events(lang))
    return [address for address in dict.fromkeys(found) if address]


def section_segments() -> frozenset[str]:
    """Every path segment of those folders ('tema', 'kommun', 'sida', 'initiatives' …):
    a slug equal to one would take over that section's address."""
    return frozenset(segment for address in section_addresses() for segment in address.split("/") if segment)
