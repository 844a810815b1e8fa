"""The content of the site as Python objects, with references resolved."""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass, field
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from . import fields
from .collation import sort_key


def text_hash(text: str) -> str:
    """A short fingerprint of a Swedish text, recorded beside its translation."""
    normalised = " ".join(text.split())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:8]


def declared(kind: fields.EntryKind):
    """An entry class whose attributes are its kind's declared fields (site_content/fields.py),
    before the ones the class names itself (what the loader sets, not the file)."""

    def make(cls):
        own = dict(cls.__dict__.get("__annotations__", {}))
        annotations = {}
        for each in kind.fields:
            annotations[each.name] = each.python_type
            if each.required:
                continue
            if each.kind in fields.LIST_KINDS:
                setattr(cls, each.name, field(default_factory=list))
            else:
                setattr(cls, each.name, False if each.kind == fields.FLAG else None)
        cls.__annotations__ = {**annotations, **own}
        cls.declaration = kind
        return dataclass(eq=False, kw_only=True)(cls)

    return make


@dataclass(frozen=True)
class Localized:
    """A text in Swedish and, when translated, English.

    ``en_from`` is the fingerprint of the Swedish text the English was written
    from: when the Swedish changes, the translation is known to be outdated.
    English without it is *unverified*: nobody has said which Swedish it
    translates, so it is never counted as done.
    """

    sv: str
    en: str | None = None
    en_from: str | None = field(default=None, compare=False)

    def translation_state(self) -> str:
        """'complete', 'missing', 'unverified' or 'outdated'."""
        if not self.en:
            return "missing"
        if not self.en_from:
            return "unverified"
        if self.en_from != text_hash(self.sv):
            return "outdated"
        return "complete"

    def is_translated(self, lang: str) -> bool:
        return lang == "sv" or bool(self.en)

    def lang_of(self, lang: str) -> str:
        """The language the text is actually shown in on a page in ``lang``."""
        return lang if self.is_translated(lang) else "sv"

    def get(self, lang: str) -> str:
        return self.en if lang == "en" and self.en else self.sv


@dataclass(frozen=True, eq=False)
class Term:
    """One key of a controlled vocabulary (a theme, a municipality …); one object per key."""

    vocabulary: str
    key: str
    label: Localized
    slugs: dict[str, str]
    scb_code: str | None = None

    def slug(self, lang: str) -> str:
        return self.slugs[lang]

    @property
    def region_wide(self) -> bool:
        """A municipality term for work in the whole region (hela-skane): no SCB code."""
        return self.vocabulary == "municipalities" and not self.scb_code


@dataclass(frozen=True)
class Vocabulary:
    name: str
    source: str
    terms: dict[str, Term]
    # False when the file has errors: a key it lacks may be one of them (loader.py).
    complete: bool = True


@dataclass
class Image:
    src: str
    alt: Localized
    # Set by the build (hooks/images.py): a raster image is published resized,
    # never at ``src``; this is its largest JPEG or PNG.
    published_src: str | None = field(default=None, compare=False)

    @property
    def url(self) -> str:
        """Where the image is published, from the site's root."""
        return self.published_src or self.src


@dataclass(frozen=True)
class Source:
    """Where an entry's facts come from: a public page, named by its own title, in the
    page's language (the sources of a project in Skåne are Swedish unless they say so)."""

    url: str
    title: str
    lang: str = "sv"

    @property
    def archived(self) -> bool:
        """A copy kept by the Internet Archive: pages say so in their own language."""
        return urlsplit(self.url).hostname == "web.archive.org"


@dataclass(frozen=True)
class FormerName:
    name: str
    until: int


@dataclass(frozen=True)
class Organisation:
    """The organisation that runs an initiative, and its type when a source gives it."""

    name: str
    type: Term | None = None


@declared(fields.PARTNER)
class Partner:
    # The file's fields (site_content/fields.py), then what the loader sets.
    slug: str
    source: str
    initiatives: list[Initiative] = field(default_factory=list)
    # Digest of the content file: unchanged digest, unchanged entry.
    digest: str = ""
    # What the partner organises and is named in (set by the loader): events
    # soonest first, news newest first.
    events: list[Event] = field(default_factory=list)
    news: list[NewsItem] = field(default_factory=list)

    def texts(self) -> list[Localized]:
        return [text for text in (self.name, self.description, self.helps_with, self.role) if text]

    def is_translated(self, lang: str) -> bool:
        return all(text.is_translated(lang) for text in self.texts())


class TranslatedEntry:
    """An entry whose texts are translated together: ``_texts`` names its fields in order
    (an optional one may be empty); an image adds its alt text."""

    _texts: tuple[str, ...] = ()

    def texts(self) -> list[Localized]:
        texts = [getattr(self, name) for name in self._texts]
        image = getattr(self, "image", None)
        return [text for text in texts if text] + ([image.alt] if image else [])

    def is_translated(self, lang: str) -> bool:
        """True when every text of the entry exists in ``lang``."""
        return all(text.is_translated(lang) for text in self.texts())


@declared(fields.INITIATIVE)
class Initiative(TranslatedEntry):
    _texts = ("name", "summary", "description")  # not annotated: a class constant, no field

    # The file's fields (site_content/fields.py), then what the loader sets.
    slug: str
    source: str
    related: list[Initiative] = field(default_factory=list)
    # Digest of the content file: unchanged digest, unchanged entry.
    digest: str = ""
    # News items about this initiative, newest first (set by the loader).
    news: list[NewsItem] = field(default_factory=list)

    def terms(self, vocabulary: str) -> list[Term]:
        """The initiative's terms from one vocabulary, always as a list."""
        organisation_type = self.organisation.type if self.organisation else None
        single = {"stages": self.stage, "organisation_types": organisation_type}
        if vocabulary in single:
            return [single[vocabulary]] if single[vocabulary] else []
        return getattr(self, vocabulary)


# -----------------------------------------------------------------------------
# Events and news (content/events/, content/news/)
# -----------------------------------------------------------------------------

# Event times are written in Skåne's local time; the calendar needs instants.
TIME_ZONE = "Europe/Stockholm"


@dataclass(frozen=True)
class Location:
    name: str
    address: str | None = None
    municipality: Term | None = None


@declared(fields.EVENT)
class Event(TranslatedEntry):
    """One meeting. ``start``/``end`` are naive local times, or dates for an all-day event."""

    _texts = ("title", "summary", "description")  # not annotated: a class constant, no field

    # The file's fields (site_content/fields.py), then what the loader sets.
    slug: str
    source: str
    digest: str = ""

    @property
    def all_day(self) -> bool:
        return not isinstance(self.start, datetime.datetime)

    @property
    def last_day(self) -> datetime.date:
        end = self.end or self.start
        return end.date() if isinstance(end, datetime.datetime) else end

    def ends_at(self) -> datetime.datetime:
        """The instant (UTC) after which the event is past."""
        zone = ZoneInfo(TIME_ZONE)
        if self.all_day:
            after = datetime.datetime.combine(self.last_day + datetime.timedelta(days=1), datetime.time())
            return after.replace(tzinfo=zone).astimezone(datetime.UTC)
        return (self.end or self.start).replace(tzinfo=zone).astimezone(datetime.UTC)

    def is_upcoming(self, now: datetime.datetime) -> bool:
        return self.ends_at() > now


@declared(fields.NEWS)
class NewsItem(TranslatedEntry):
    _texts = ("title", "summary", "body")  # not annotated: a class constant, no field

    # The file's fields (site_content/fields.py), then what the loader sets.
    slug: str
    source: str
    digest: str = ""


def sorted_events(events) -> list[Event]:
    """Soonest first; ties by slug."""
    return sorted(events, key=lambda e: (_sortable(e.start), e.slug))


def in_calendar_order(events, now: datetime.datetime) -> list[Event]:
    """Upcoming events soonest first, then past ones most recent first (as the events page)."""
    ordered = sorted_events(events)
    return [e for e in ordered if e.is_upcoming(now)] + [
        e for e in reversed(ordered) if not e.is_upcoming(now)
    ]


def newest_news(news) -> list[NewsItem]:
    """Newest first; ties by slug."""
    return sorted(sorted(news, key=lambda n: n.slug), key=lambda n: n.published, reverse=True)


def _sortable(moment: datetime.date | datetime.datetime) -> datetime.datetime:
    if isinstance(moment, datetime.datetime):
        return moment
    return datetime.datetime.combine(moment, datetime.time())


@dataclass
class Content:
    """Everything loaded from ``content/``, cross-referenced."""

    partners: dict[str, Partner]
    initiatives: dict[str, Initiative]
    vocabularies: dict[str, Vocabulary]
    # Problems that do not stop a build, such as a missing translation.
    warnings: list = field(default_factory=list)
    # Images of the drafts this build leaves out: not published either.
    unpublished_images: set[str] = field(default_factory=set)
    events: dict[str, Event] = field(default_factory=dict)
    news: dict[str, NewsItem] = field(default_factory=dict)
    _term_index: dict[Term, list[Initiative]] | None = field(default=None, init=False, repr=False)
    # Remembered as asked for (the content does not change once loaded): every numbered
    # catalogue page counts each term's initiatives, and every list sorts by name.
    _in_index: dict[Term, list[Initiative]] = field(default_factory=dict, init=False, repr=False)
    _name_keys: dict[str, dict[str, tuple]] = field(default_factory=dict, init=False, repr=False)
    # The initiatives those indexes were made from (the loader replaces the dict to leave drafts out).
    _indexed: dict | None = field(default=None, init=False, repr=False)

    def sorted_partners(self, lang: str) -> list[Partner]:
        return sorted(self.partners.values(), key=lambda p: sort_key(p.name.get(lang), lang))

    def sorted_initiatives(self, lang: str, initiatives=None) -> list[Initiative]:
        chosen = self.initiatives.values() if initiatives is None else initiatives
        keys = self._name_keys.setdefault(lang, {})

        def name_key(initiative: Initiative) -> tuple:
            key = keys.get(initiative.slug)
            if key is None:
                key = keys[initiative.slug] = sort_key(initiative.name.get(lang), lang)
            return key

        return sorted(chosen, key=name_key)

    def sorted_terms(self, vocabulary: str, lang: str) -> list[Term]:
        terms = self.vocabularies[vocabulary].terms.values()
        return sorted(terms, key=lambda t: sort_key(t.label.get(lang), lang))

    def initiatives_with(self, term: Term) -> list[Initiative]:
        return list(self._by_term().get(term, ()))

    def _by_term(self) -> dict[Term, list[Initiative]]:
        """Each term's initiatives, found in one pass: templates ask per term, often."""
        # Built on first use and kept: the content does not change once loaded.
        if self._indexed is not self.initiatives:
            self._indexed, self._term_index, self._in_index = self.initiatives, None, {}
        if self._term_index is None:
            index: dict[Term, list[Initiative]] = {}
            for initiative in self.initiatives.values():
                for vocabulary in ("themes", "municipalities", "stages", "organisation_types"):
                    for term in initiative.terms(vocabulary):
                        index.setdefault(term, []).append(initiative)
            self._term_index = index
        return self._term_index

    def initiatives_in(self, term: Term) -> list[Initiative]:
        """A term's initiatives; a municipality's also those for the whole region
        (hela-skane), which are as much for it: each once, in no particular order."""
        self._by_term()  # the indexes of these initiatives
        if term not in self._in_index:
            self._in_index[term] = self._initiatives_in(term)
        return list(self._in_index[term])

    def _initiatives_in(self, term: Term) -> list[Initiative]:
        own = self.initiatives_with(term)
        if term.vocabulary != "municipalities" or term.region_wide:
            return own
        seen = {initiative.slug for initiative in own}
        for region in self.vocabularies[term.vocabulary].terms.values():
            if region.region_wide:
                for initiative in self.initiatives_with(region):
                    if initiative.slug not in seen:
                        seen.add(initiative.slug)
                        own.append(initiative)
        return own

    def used_terms(self, vocabulary: str, lang: str) -> list[tuple[Term, int]]:
        """Terms that have at least one initiative, with their counts, in order."""
        counts = []
        for term in self.sorted_terms(vocabulary, lang):
            count = len(self.initiatives_with(term))
            if count:
                counts.append((term, count))
        return counts

    def newest_initiatives(self, limit: int) -> list[Initiative]:
        return sorted(self.initiatives.values(), key=lambda i: (i.added, i.slug), reverse=True)[:limit]

    def upcoming_events(self, now: datetime.datetime) -> list[Event]:
        """Events not yet over at ``now``, soonest first."""
        return [e for e in sorted_events(self.events.values()) if e.is_upcoming(now)]

    def past_events(self, now: datetime.datetime) -> list[Event]:
        """Events over at ``now``, most recent first."""
        past = [e for e in sorted_events(self.events.values()) if not e.is_upcoming(now)]
        return list(reversed(past))

    def past_events_by_year(self, now: datetime.datetime) -> list[tuple[int, list[Event]]]:
        years: dict[int, list[Event]] = {}
        for event in self.past_events(now):
            years.setdefault(_sortable(event.start).year, []).append(event)
        return list(years.items())

    def newest_news(self, limit: int | None = None) -> list[NewsItem]:
        items = newest_news(self.news.values())
        return items if limit is None else items[:limit]
