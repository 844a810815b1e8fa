"""Reading an entry's fields from a document its schema has checked.

``FieldReader`` reads one value of each kind (text, localized text, terms, an image,
a date …) and tells what a schema cannot: references to other files and vocabularies,
images, dates in order, safe markup, each with the file's line. ``read_fields`` reads
every field an entry kind declares (site_content/fields.py) by its kind.
"""

from __future__ import annotations

import datetime
import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from . import fields, filenames, images, markup
from .clock import build_time
from .mistakes import address_mistakes, line_of, link_mistakes, personal_email
from .model import (
    TIME_ZONE,
    FormerName,
    Image,
    Initiative,
    Localized,
    Location,
    Organisation,
    Partner,
    Source,
    Term,
    Vocabulary,
    text_hash,
)
from .problems import TRANSLATION_MARKS, UNKNOWN_TERM, Problem, removal_params, suggestion
from .safety import html_tag, unsafe_markup
from .slugs import slugify
from .yamlsource import FieldPath, YamlDocument, format_field_path

# The shape of each file (fields, types, lengths, patterns) is in schemas/*.schema.json
# only. The form of en_from is there too; this tells the reader a mark it can trust.
HASH_PATTERN = re.compile(r"^[0-9a-f]{8}$")

# A local time in Skåne as partners write it: 2027-03-28T10:00 (seconds optional).
LOCAL_TIME_PATTERN = re.compile(r"^([0-9]{4}-[0-9]{2}-[0-9]{2})[T ]([0-9]{2}):([0-9]{2})(?::([0-9]{2}))?$")

# The years a date may have (events, news, added, updated; started is checked against
# next year as well). The schema's year range for started is the same.
FIRST_YEAR = 1900
LAST_YEAR = 2100

# Quotation marks from word processors ("smart quotes"), which YAML takes as text.
TYPOGRAPHIC_QUOTES = "”“„«»‘’"


# -----------------------------------------------------------------------------
# Reading fields with problems told precisely
# -----------------------------------------------------------------------------


class FieldReader:
    """Reads typed fields from one document already checked against its schema.

    The schema is the one judge of a file's shape (fields, types, lengths,
    patterns); the reader reads only what it found sound and checks what a
    schema cannot: references to other files and vocabularies, images, dates
    in order, safe markup. Where the reader can name the right value (a
    vocabulary term, a partner, a quoted year, a translation mark) its message
    replaces the schema's for that field (PRECISE).
    """

    def __init__(
        self,
        document: YamlDocument,
        problems: list[Problem],
        flagged: frozenset[str] = frozenset(),
        images_seen: list[str] | None = None,
        named: list[tuple[str, str]] | None = None,
    ):
        self.document = document
        self.problems = problems
        self.flagged = flagged  # the fields (as written in messages) the schema found wrong
        # The images looked at (src as written): the result depends on their files too.
        self.images_seen = images_seen if images_seen is not None else []
        # The partners and initiatives named, as (code for an unknown one, key): likewise.
        self.named = named if named is not None else []

    def problem(
        self,
        field_path: FieldPath,
        code: str,
        *,
        severity: str = "error",
        at: FieldPath | None = None,
        **params,
    ) -> None:
        """Record a problem of ``field_path``, placed at ``at`` (the field itself by default)."""
        line, column = self.document.position(at or field_path)
        self.problems.append(
            Problem(self.document.path, line, column, format_field_path(field_path), code, params, severity)
        )

    def email(self, field_path: FieldPath) -> str | None:
        """An e-mail address; a warning when it looks like a person's own (publish no personal data)."""
        value = self.text(field_path)
        if value and personal_email(value):
            self.warning(field_path, "personal-email", value=value)
        return value

    def problem_near(self, field_path: FieldPath, near: str, code: str, severity="error", **params) -> None:
        """A problem at the line of a block text where ``near`` is (case aside), else at the field."""
        place = line_of(self.document, field_path, near, fold=True) if near else None
        if place is None:
            self.problem(field_path, code, severity=severity, **params)
        else:
            where = format_field_path(field_path)
            self.problems.append(Problem(self.document.path, *place, where, code, params, severity))

    def warning(self, field_path: FieldPath, code: str, **params) -> None:
        self.problem(field_path, code, severity="warning", **params)

    def sound(self, field_path: FieldPath) -> bool:
        """True when the schema found nothing wrong with the field or a field around it."""
        if not self.flagged:
            return True
        return not any(
            format_field_path(field_path[:end]) in self.flagged for end in range(len(field_path) + 1)
        )

    def value(self, field_path: FieldPath):
        """The field's value; None when it is not there."""
        value = self.document.data
        for part in field_path:
            try:
                value = value[part]
            except (KeyError, IndexError, TypeError):
                return None
        return value

    def mapping(self, field_path: FieldPath) -> dict | None:
        value = self.value(field_path) if self.sound(field_path) else None
        return value if isinstance(value, dict) else None

    def optional(self, parent: dict, field_path: FieldPath, read, *arguments):
        """``read`` the field at ``field_path`` (its last key in ``parent``) when it is
        filled in, else None."""
        return read(field_path, *arguments) if given(parent.get(field_path[-1])) else None

    def text(self, field_path: FieldPath, markdown: bool = False) -> str | None:
        """A text; only Markdown fields (descriptions) may hold the safe HTML subset."""
        value = self.value(field_path) if self.sound(field_path) else None
        if not isinstance(value, str):
            return None
        value = value.strip()
        if len(value) > 1 and value[0] in TYPOGRAPHIC_QUOTES and value[-1] in TYPOGRAPHIC_QUOTES:
            # Word's quotes around a whole text are not YAML's: they would be published.
            self.warning(field_path, "typographic-quotes", first=value[0], last=value[-1])
        if markdown:
            self.markdown(field_path, value)
        elif html_tag(value):
            self.problem(field_path, "html-in-text", tag=html_tag(value))
        return value or None

    def markdown(self, field_path: FieldPath, value: str) -> None:
        """Problems of a Markdown text: over a limit (told before it is parsed), unsafe, or
        something the sanitiser would remove."""
        over = markup.excess(value)
        if over:
            self.problem(
                field_path, over.code, found=over.found, length=over.found, limit=over.limit, line=over.line
            )
            return
        findings = unsafe_markup(value)
        for finding in findings:
            near = finding.pop("near")
            self.problem_near(field_path, near, "unsafe-html", **finding)
        if findings or markup.plain(value):
            return
        # The guarantee behind the friendly messages above: whatever the
        # sanitiser removes from the page is an error, never a silent loss.
        try:
            removals = markup.removed(value)
        except markup.TooComplex:
            self.problem(field_path, "markdown-too-complex")
            return
        for removal in removals:
            near = (removal.value if removal.attribute == "href" else removal.attribute) or f"<{removal.tag}"
            params = removal_params(removal.tag, removal.attribute, removal.value)
            self.problem_near(field_path, near, "sanitised", **params)
        if removals:
            return
        html = markup.render(value).html
        # A link to 'radrum.se' leads to a page of our site that does not exist.
        for code, params in address_mistakes(markup.link_targets(html)):
            self.problem_near(field_path, params["value"], code, **params)
        # Link syntax the page would show as text: '[text] (https://…)', a bracket missing.
        for code, params in link_mistakes(value, html):
            self.problem_near(field_path, params["snippet"], code, severity="warning", **params)

    def optional_localized(self, field_path: FieldPath, markdown: bool = False) -> Localized | None:
        value = self.mapping(field_path)
        if value is None or not given(value.get("sv")):
            return None
        sv = self.text((*field_path, "sv"), markdown)
        en = self.text((*field_path, "en"), markdown) if given(value.get("en")) else None
        if not sv:
            return None
        en_from = value.get("en_from")
        if en_from is not None and not (isinstance(en_from, str) and HASH_PATTERN.match(en_from)):
            # Unquoted digits are a number to YAML: the message shows the quotes.
            written = self.document.as_written((*field_path, "en_from"), en_from)
            self.problem((*field_path, "en_from"), "bad-hash", value=written, hash=text_hash(sv))
            return Localized(sv, en)
        localized = Localized(sv, en, en_from)
        self.translation_warning(field_path, localized)
        return localized

    def translation_warning(self, field_path: FieldPath, text: Localized) -> None:
        """Tell the partner the exact en_from line that marks the English up to date."""
        state = text.translation_state()
        fingerprint = text_hash(text.sv)
        if state == "missing":
            self.warning(field_path, "missing-translation")
        elif state == "outdated":
            self.warning(field_path, "outdated-translation", at=(*field_path, "en_from"), hash=fingerprint)
        elif state == "unverified":
            style = "flow" if field_path in self.document.flow else "block"
            how = {lang: mark.format(hash=fingerprint) for lang, mark in TRANSLATION_MARKS[style].items()}
            self.warning(field_path, "unverified-translation", at=(*field_path, "en"), how=how)

    def date(self, field_path: FieldPath) -> datetime.date | None:
        value = self.value(field_path) if self.sound(field_path) else None
        if isinstance(value, datetime.datetime):
            value = value.date()
        elif isinstance(value, str):  # quoted: the schema has checked its form
            try:
                value = datetime.date.fromisoformat(value)
            except ValueError:
                return None
        if not isinstance(value, datetime.date):
            return None
        return value if self.in_years(field_path, value) else None

    def in_years(self, field_path: FieldPath, moment: datetime.date) -> bool:
        """True for a date within the years the site accepts, else told so: dates
        near year 1 or 9999 overflow in time-zone and calendar arithmetic."""
        if FIRST_YEAR <= moment.year <= LAST_YEAR:
            return True
        self.problem(field_path, "date-out-of-range", value=written(moment), first=FIRST_YEAR, last=LAST_YEAR)
        return False

    def term_list(self, field_path: FieldPath, vocabulary: Vocabulary) -> list[Term]:
        value = self.value(field_path) if self.sound(field_path) else None
        if not isinstance(value, list):
            return []
        terms = [self.term((*field_path, index), vocabulary, key) for index, key in enumerate(value)]
        return [term for term in terms if term is not None]

    def term(self, field_path: FieldPath, vocabulary: Vocabulary, key) -> Term | None:
        """A vocabulary's term; checked even where the schema found the key malformed
        ('Malmö'), since only the vocabulary can say which key was meant."""
        if not isinstance(key, str):  # a list or mapping where a key belongs: the schema says so
            return None
        if key in vocabulary.terms:
            return vocabulary.terms[key]
        if not vocabulary.complete:
            return None  # the vocabulary's file has errors: they are told there
        self.problem(
            field_path,
            "unknown-term",
            value=key,
            unknown=UNKNOWN_TERM[vocabulary.name],
            suggestion=suggestion(closest_terms(key, vocabulary)),
            source=vocabulary.source,
        )
        return None

    def image(self, field_path: FieldPath, docs: Path) -> Image | None:
        value = self.mapping(field_path)
        if value is None:
            return None
        src = self.text((*field_path, "src"))
        alt = self.optional(value, (*field_path, "alt"), self.optional_localized)
        if not src:
            return None
        self.images_seen.append(src)
        if src.startswith("docs/") and not images.outside_image_folder(src[len("docs/") :]):
            self.problem((*field_path, "src"), "image-docs-prefix", value=src, fixed=src[len("docs/") :])
            return None
        if images.outside_image_folder(src):
            self.problem((*field_path, "src"), "image-outside-folder", value=src)
            return None
        if filenames.is_link(docs, src):  # never followed: it may point anywhere
            self.problem((*field_path, "src"), "image-symlink", value=src)
            return None
        if not filenames.exact_file(docs, src):
            near = filenames.near_miss(docs, src)
            other = None if near else filenames.elsewhere(docs, src, images.IMAGE_FOLDER)
            folder = src.rpartition("/")[0] + "/"
            if near:
                self.problem((*field_path, "src"), "missing-file-near", value=src, near=near)
            elif other:
                params = {"value": src, "found": other, "folder": folder}
                self.problem((*field_path, "src"), "missing-file-elsewhere", **params)
            else:
                self.problem((*field_path, "src"), "missing-file", value=src, folder=folder)
            return None
        # Limits, format and (for SVG) safety, read without decoding the image.
        findings = images.inspect(docs / src)
        for code, params in findings:
            self.problem((*field_path, "src"), code, value=src, **params)
        if findings:
            return None
        if images.has_gps_position(docs / src):
            self.warning((*field_path, "src"), "image-gps", value=src)
        return Image(src, alt) if alt else None

    # --- Events and news --------------------------------------------------

    def local_time(self, field_path: FieldPath) -> datetime.date | datetime.datetime | None:
        """A date (all day) or a naive local time in Skåne, from 2027-03-28 or 2027-03-28T10:00.

        The schema has checked the form; only a real date and a time that exists are left.
        """
        if not self.sound(field_path):
            return None
        value = self.value(field_path)
        if isinstance(value, datetime.datetime):
            moment = value
            if not self.in_years(field_path, moment):
                return None
            if moment.tzinfo is not None:  # written with an offset: the same instant, in Skåne
                moment = moment.astimezone(ZoneInfo(TIME_ZONE)).replace(tzinfo=None)
        elif isinstance(value, datetime.date):
            return value if self.in_years(field_path, value) else None
        else:
            match = LOCAL_TIME_PATTERN.match(str(value).strip()) if isinstance(value, str) else None
            try:
                moment = datetime.datetime.fromisoformat(
                    f"{match[1]}T{match[2]}:{match[3]}:{match[4] or '00'}"
                )
            except (TypeError, ValueError):
                self.problem(field_path, "bad-datetime", value=value)
                return None
            if not self.in_years(field_path, moment):
                return None
        zone = ZoneInfo(TIME_ZONE)
        # A time the clocks skip in spring (02:00–03:00 on the last Sunday of March) never happens.
        round_trip = (
            moment.replace(tzinfo=zone).astimezone(datetime.UTC).astimezone(zone).replace(tzinfo=None)
        )
        if round_trip != moment:
            self.problem(field_path, "nonexistent-time", value=f"{moment:%Y-%m-%dT%H:%M}", date=moment.date())
            return None
        return moment

    def references(self, field_path: FieldPath, entries: dict, files: frozenset[str], code: str) -> list:
        """The entries a list names by key (partners, initiatives), each once. A key whose
        file exists but did not load is told in that file only (``files``); an unknown key
        gets ``code`` with the nearest known one as suggestion."""
        value = self.value(field_path) if self.sound(field_path) else None
        found: list = []
        for index, key in enumerate(value if isinstance(value, list) else []):
            if not isinstance(key, str):  # a list or mapping where a key belongs: the schema says so
                continue
            self.named.append((code, key))
            if key in entries:
                if entries[key] not in found:
                    found.append(entries[key])
                continue
            if key in files:
                continue
            known = sorted({*entries, *files})
            close = difflib.get_close_matches(key, known, n=1)
            self.problem(
                (*field_path, index), code, value=key, suggestion=suggestion(close), allowed=", ".join(known)
            )
        return found

    def partner_list(
        self, field_path: FieldPath, partners: dict[str, Partner], files: frozenset[str] = frozenset()
    ) -> list[Partner]:
        return self.references(field_path, partners, files, "unknown-partner")

    def sources(self, field_path: FieldPath) -> list[Source]:
        """The sources of an entry's facts: the schema has checked each one's form."""
        value = self.value(field_path) if self.sound(field_path) else None
        found: list[Source] = []
        for index, item in enumerate(value if isinstance(value, list) else []):
            if not isinstance(item, dict):
                continue
            url = self.text((*field_path, index, "url"))
            title = self.text((*field_path, index, "title"))
            lang = item.get("lang") if self.sound((*field_path, index, "lang")) else None
            if url and title:
                found.append(Source(url, title, lang if lang in ("sv", "en") else "sv"))
        return found

    def flag(self, field_path: FieldPath) -> bool:
        return self.value(field_path) is True and self.sound(field_path)

    def year(self, field_path: FieldPath) -> int | None:
        """A year: the schema checks the type and a loose range (1900–2100); no later
        than next year is checked here, since it depends on today."""
        value = self.value(field_path)
        plausible = range(FIRST_YEAR, datetime.date.today().year + 2)
        if isinstance(value, str) and re.fullmatch(r"[0-9]{4}", value.strip()) and int(value) in plausible:
            self.problem(field_path, "quoted-year", value=value.strip())
            return None
        if not isinstance(value, int) or isinstance(value, bool) or not self.sound(field_path):
            return None
        if value not in plausible:
            self.problem(field_path, "bad-year", value=value)
            return None
        return value

    def dates_in_order(self, values: dict, first: str) -> None:
        """``updated`` cannot come before the date an entry was first published
        (``first``: added or published), and neither date is after today in Sweden (a
        warning: most often a mistyped year, which the pages would show as written)."""
        began, updated = values[first], values.get("updated")
        if began and updated and updated < began:
            self.problem(("updated",), "updated-before-added", updated=updated, added=began, first=first)
        today = build_time().astimezone(ZoneInfo(TIME_ZONE)).date()
        for name in (first, "updated"):
            day = values.get(name)
            day = day.date() if isinstance(day, datetime.datetime) else day
            if isinstance(day, datetime.date) and day > today:
                self.warning((name,), "date-ahead", value=day.isoformat(), today=today.isoformat())


def closest_terms(value, vocabulary: Vocabulary) -> list[str]:
    """The key meant by a label or slug in either language ('Höör', 'school'), or a near miss.

    Compared folded (no case, no accents): 'Malmö', 'MALMO' and 'malmo' are one.
    """
    names: dict[str, str] = {}  # folded name -> key
    for term in vocabulary.terms.values():
        for name in (term.key, *term.slugs.values(), term.label.sv, term.label.en or ""):
            if name:
                names.setdefault(slugify(name), term.key)
    folded = slugify(str(value))
    if folded in names:
        return [names[folded]]
    close = difflib.get_close_matches(folded or str(value), list(names), n=1)
    return [names[close[0]]] if close else []


def given(value) -> bool:
    """False for an empty field, or a mapping whose fields are all empty (as scaffolded)."""
    if isinstance(value, dict):
        return any(given(item) for item in value.values())
    if isinstance(value, list) and value and all(isinstance(item, dict) for item in value):
        return any(given(item) for item in value)  # the template's empty "- url:" entries
    return value is not None


# -----------------------------------------------------------------------------
# Entries: their declared fields (site_content/fields.py), each read by its kind
# -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Known:
    """What an entry's fields may name: vocabularies, and the partners and initiatives
    loaded so far with every such file (a file with errors is told in that file only)."""

    docs: Path
    vocabularies: dict[str, Vocabulary] = field(default_factory=dict)
    partners: dict[str, Partner] = field(default_factory=dict)
    partner_files: frozenset[str] = frozenset()
    initiatives: dict[str, Initiative] = field(default_factory=dict)
    initiative_files: frozenset[str] = frozenset()


def _organisation(reader: FieldReader, path: FieldPath, known: Known) -> Organisation | None:
    place = reader.mapping(path)
    if place is None:
        return None
    name = reader.optional(place, (*path, "name"), reader.text)
    kind = None
    if given(place.get("type")):
        kind = reader.term((*path, "type"), known.vocabularies["organisation_types"], place["type"])
    return Organisation(name, kind) if name else None


def _location(reader: FieldReader, path: FieldPath, known: Known) -> Location | None:
    place = reader.mapping(path)
    if place is None:
        return None
    name = reader.optional(place, (*path, "name"), reader.text)
    address = reader.optional(place, (*path, "address"), reader.text)
    municipality = None
    if given(place.get("municipality")):
        municipality = reader.term(
            (*path, "municipality"), known.vocabularies["municipalities"], place["municipality"]
        )
    return Location(name, address, municipality) if name else None


def _former_name(reader: FieldReader, path: FieldPath, known: Known) -> FormerName | None:
    former = reader.mapping(path)
    if former is None:
        return None
    name = reader.optional(former, (*path, "name"), reader.text)
    until = former.get("until")
    if name and isinstance(until, int) and not isinstance(until, bool):
        return FormerName(name, until)
    return None


# How each kind of field is read: (reader, the field's path, its declaration, what it may name).
READERS: dict[str, Callable[[FieldReader, FieldPath, fields.Field, Known], object]] = {
    fields.TEXT: lambda r, path, f, k: r.text(path),
    fields.URL: lambda r, path, f, k: r.text(path),
    fields.EMAIL: lambda r, path, f, k: r.email(path),
    fields.ADDRESS: lambda r, path, f, k: r.text(path),
    fields.LOCALIZED: lambda r, path, f, k: r.optional_localized(path),
    fields.MARKDOWN: lambda r, path, f, k: r.optional_localized(path, markdown=True),
    fields.TERMS: lambda r, path, f, k: r.term_list(path, k.vocabularies[f.vocabulary]),
    fields.TERM: lambda r, path, f, k: r.term(path, k.vocabularies[f.vocabulary], r.value(path)),
    fields.PARTNERS: lambda r, path, f, k: r.partner_list(path, k.partners, k.partner_files),
    fields.INITIATIVES: lambda r, path, f, k: r.references(
        path, k.initiatives, k.initiative_files, "unknown-initiative"
    ),
    fields.IMAGE: lambda r, path, f, k: r.image(path, k.docs),
    fields.SOURCES: lambda r, path, f, k: r.sources(path),
    fields.DATE: lambda r, path, f, k: r.date(path),
    fields.YEAR: lambda r, path, f, k: r.year(path),
    fields.TIME: lambda r, path, f, k: r.local_time(path),
    fields.FLAG: lambda r, path, f, k: r.flag(path),
    fields.ORGANISATION: lambda r, path, f, k: _organisation(r, path, k),
    fields.LOCATION: lambda r, path, f, k: _location(r, path, k),
    fields.FORMER_NAME: lambda r, path, f, k: _former_name(r, path, k),
}


def empty(declared: fields.Field):
    """A field's value when the file does not fill it in."""
    if declared.kind in fields.LIST_KINDS:
        return []
    return False if declared.kind == fields.FLAG else None


def read_fields(reader: FieldReader, data: dict, kind: fields.EntryKind, known: Known) -> dict[str, object]:
    """Every declared field of an entry, read by its kind; ``empty`` where not filled in."""
    values = {}
    for declared in kind.fields:
        found = None
        if given(data.get(declared.name)):
            found = READERS[declared.kind](reader, (declared.name,), declared, known)
        values[declared.name] = empty(declared) if found is None else found
    return values


def written(moment) -> str:
    if isinstance(moment, datetime.datetime):  # %Y writes year 1 as '1' on some systems
        return f"{moment.year:04d}-{moment:%m-%dT%H:%M}"
    return moment.isoformat()
