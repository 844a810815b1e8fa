"""Load, validate and cross-reference every content file.

All problems of a run are collected and raised together (ContentProblems), each
naming the file, line, column and field, so a partner can fix them in one go.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime
import difflib
import hashlib
import os
import re
import zlib
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from . import docs_html, fields, filenames, images, markup, published_files, routes
from .content_cache import ContentCache, Reference
from .mistakes import line_of, link_mistakes, source_mistakes
from .model import (
    TIME_ZONE,
    Content,
    Event,
    FormerName,
    Image,
    Initiative,
    Localized,
    Location,
    NewsItem,
    Organisation,
    Partner,
    Source,
    Term,
    Vocabulary,
    newest_news,
    sorted_events,
    text_hash,
)
from .page_translations import page_key_problems, page_translation_problems
from .problems import (
    DEFAULT_HINTS,
    TRANSLATION_MARKS,
    UNKNOWN_TERM,
    ContentProblems,
    Hints,
    Problem,
    hints_from,
    removal_params,
    suggestion,
)
from .safety import html_tag, unsafe_markup
from .schemas import field_names, schema_problems
from .slugs import fold_slug, is_valid_slug, slugify
from .yamlsource import FieldPath, YamlDocument, format_field_path, read_source, read_yaml

# The shape of each file (fields, types, lengths, patterns) is in schemas/*.schema.json
# only. The form of en_from is there too; this tells the reader a mark it can trust.
HASH_PATTERN = re.compile(r"^[0-9a-f]{8}$")

VOCABULARY_FILES = {
    "themes": "themes.yml",
    "municipalities": "municipalities.yml",
    "organisation_types": "organisation-types.yml",
    "stages": "stages.yml",
}
# A local time in Skåne as partners write it: 2027-03-28T10:00 (seconds optional).
LOCAL_TIME_PATTERN = re.compile(r"^([0-9]{4}-[0-9]{2}-[0-9]{2})[T ]([0-9]{2}):([0-9]{2})(?::([0-9]{2}))?$")


@dataclass(frozen=True)
class ContentPaths:
    """Where content lives; ``display_root`` makes paths in messages repo-relative."""

    partners: Path
    initiatives: Path
    vocabulary: Path
    docs: Path
    schemas: Path
    display_root: Path
    events: Path | None = None
    news: Path | None = None

    @classmethod
    def under(cls, root: Path, docs: Path, initiatives: Path | None = None) -> ContentPaths:
        root = Path(root)
        return cls(
            partners=root / "content" / "partners",
            initiatives=Path(initiatives) if initiatives else root / "content" / "initiatives",
            vocabulary=root / "content" / "vocabulary",
            docs=Path(docs),
            schemas=root / "schemas",
            display_root=root,
            events=root / "content" / "events",
            news=root / "content" / "news",
        )

    def display(self, path: Path) -> str:
        # Not resolved first: a symbolic link is named as written, not by where it points.
        # Strings first: this runs for every file on every load, and pathlib costs.
        shown, root = os.path.abspath(path), os.path.abspath(self.display_root)
        prefix = root.rstrip(os.sep) + os.sep
        if shown.startswith(prefix):
            return shown[len(prefix) :].replace(os.sep, "/")
        for pair in (
            lambda: (Path(shown), Path(root)),
            lambda: (path.resolve(), self.display_root.resolve()),  # a link in the root's path
        ):
            shown_path, root_path = pair()
            try:
                return shown_path.relative_to(root_path).as_posix()
            except ValueError:
                continue
        return path.as_posix()


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

    def optional(self, parent: dict, key: str, read, *arguments):
        """``read`` the field ``key`` when it is filled in, else None."""
        return read((key,), *arguments) if given(parent.get(key)) else None

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
            self.problem(field_path, "unsafe-html", **finding)
        if findings:
            return
        # The guarantee behind the friendly messages above: whatever the
        # sanitiser removes from the page is an error, never a silent loss.
        try:
            removals = markup.removed(value)
        except markup.TooComplex:
            self.problem(field_path, "markdown-too-complex")
            return
        for removal in removals:
            self.problem(
                field_path, "sanitised", **removal_params(removal.tag, removal.attribute, removal.value)
            )
        if removals:
            return
        # Link syntax the page would show as text: '[text] (https://…)', a bracket missing.
        for code, params in link_mistakes(value, markup.render(value).html):
            place = line_of(self.document, field_path, params["snippet"])
            if place is None:
                self.warning(field_path, code, **params)
            else:
                where = format_field_path(field_path)
                self.problems.append(Problem(self.document.path, *place, where, code, params, "warning"))

    def localized(self, parent: dict, field_path: FieldPath, markdown: bool = False) -> Localized | None:
        return self.optional_localized(field_path, markdown) if given(parent.get(field_path[-1])) else None

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
        written = _written(moment)
        self.problem(field_path, "date-out-of-range", value=written, first=FIRST_YEAR, last=LAST_YEAR)
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
        alt = self.localized(value, (*field_path, "alt"))
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
            if near:
                self.problem((*field_path, "src"), "missing-file-near", value=src, near=near)
            else:
                self.problem((*field_path, "src"), "missing-file", value=src, folder=images.IMAGE_FOLDER)
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
            if url and title:
                found.append(Source(url, title))
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
        (``first``: added or published)."""
        began, updated = values[first], values.get("updated")
        if began and updated and updated < began:
            self.problem(("updated",), "updated-before-added", updated=updated, added=began, first=first)


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
# Files
# -----------------------------------------------------------------------------


@dataclass
class FileTrace:
    """One file's load as the content cache sees it: the bytes it read already
    (``source``, from ``read_source``) and the images the check looked at."""

    source: tuple[bytes | None, list[Problem]] | None = None
    images: list[str] = field(default_factory=list)
    named: list[tuple[str, str]] = field(default_factory=list)  # FieldReader.named


class _CheckedFile:
    """One content file: parsed once, checked once against its schema, then read.

    The reader reads only what the schema found sound, so a mistake is told
    once; where the reader can name the right value its message replaces the
    schema's for that field.
    """

    def __init__(
        self,
        path: Path,
        paths: ContentPaths,
        schema: str,
        problems: list[Problem],
        hints: Hints = DEFAULT_HINTS,
        trace: FileTrace | None = None,
    ):
        self.problems = problems
        self.display = paths.display(path)
        self.schema_found: list[Problem] = []
        self.reader_found: list[Problem] = []
        self.reader: FieldReader | None = None
        trace = trace or FileTrace()
        document, found = read_yaml(path, self.display, trace.source)
        problems.extend(found)
        self.digest = document.digest if document is not None else ""
        if document is not None and document.data is None:
            problems.append(Problem(self.display, 1, 1, "", "empty-file"))
            document = None
        if document is not None:
            self.schema_found = schema_problems(document, schema, paths.schemas, hints)
            flagged = frozenset(p.field for p in self.schema_found)
            self.reader = FieldReader(document, self.reader_found, flagged, trace.images, trace.named)
            self.reader_found.extend(source_mistakes(document, *field_names(paths.schemas, schema)))

    def fields(self) -> dict | None:
        """The file's top level; None (with its problems recorded) when it is not a mapping."""
        data = self.reader.mapping(()) if self.reader is not None else None
        if self.reader is not None and data is None:
            self.finish()
        return data

    def finish(self) -> bool:
        """Record this file's problems; True when it has no errors."""
        merged = merge_problems(self.schema_found, self.reader_found)
        self.problems.extend(merged)
        return not any(p.severity == "error" for p in merged)


# The reader's own message for these says what to write; the schema's only what is wrong.
PRECISE = ("unknown-term", "unknown-partner", "unknown-initiative", "bad-hash", "quoted-year")


def merge_problems(schema_found: list[Problem], reader_found: list[Problem]) -> list[Problem]:
    """The schema's problems (less those a precise one replaces) and the reader's, each once."""
    replaced = {p.field for p in reader_found if p.code in PRECISE}
    # A dict, not a list: a hostile file can have thousands of problems. Keyed by
    # the message too: two findings in one field (two tags removed) are two problems.
    kept: dict[tuple[Problem, str], Problem] = {}
    for problem in [*(p for p in schema_found if p.field not in replaced), *reader_found]:
        kept.setdefault((problem, problem.message("en")), problem)  # one keyword failing twice is one mistake
    return sorted(kept.values(), key=lambda p: (p.line or 0, p.column or 0, p.severity))


# File names that would become a section's address (routes): initiativ/tema/ is the
# folder of every theme's page, not a place for an initiative called 'tema'.
RESERVED_SLUGS = routes.section_segments()


def _check_slug(path: Path, display: str, seen: dict[str, str], problems: list[Problem]) -> str | None:
    slug = path.stem
    if not is_valid_slug(slug):
        problems.append(
            Problem(
                display,
                None,
                None,
                "",
                "bad-file-name",
                {"value": path.name, "suggestion": filenames.suggested_name(path.name)},
            )
        )
        return None
    if slug in RESERVED_SLUGS:
        shown = [f"/{url}" for url in routes.section_addresses() if slug in url.split("/")]
        addresses = ", ".join(shown[:2])
        params = {"value": path.name, "slug": slug, "addresses": addresses, "example": f"{slug}-skane.yml"}
        problems.append(Problem(display, None, None, "", "slug-reserved", params))
        return None
    folded = fold_slug(slug)
    if folded in seen:
        problems.append(
            Problem(display, None, None, "", "slug-collision", {"value": slug, "other": seen[folded]})
        )
        return None
    seen[folded] = display
    return slug


def load_vocabulary(
    name: str, path: Path, paths: ContentPaths, problems: list[Problem], trace: FileTrace | None = None
) -> Vocabulary:
    checked = _CheckedFile(path, paths, "vocabulary", problems, trace=trace)
    terms: dict[str, Term] = {}
    taken: dict[tuple[str, str], str] = {}  # (language, slug) -> key: one URL per term
    reader = checked.reader
    data = checked.fields()
    if data is None:
        return Vocabulary(name, checked.display, terms)
    for key in data:
        entry = reader.mapping((key,))  # None when the schema found the key or the entry wrong
        if entry is None or not given(entry.get("label")):
            continue
        label = reader.optional_localized((key, "label"))
        slugs = {"sv": key, "en": key}
        written = reader.mapping((key, "slug")) or {}
        slugs.update({lang: slug for lang, slug in written.items() if isinstance(slug, str)})
        for lang, slug in slugs.items():
            if (lang, slug) in taken:
                reader.problem(
                    (key, "slug", lang) if written else (key,),
                    "slug-collision",
                    value=slug,
                    other=f"{checked.display} ({taken[lang, slug]})",
                )
            taken[lang, slug] = key
        code = entry.get("scb_code")
        if label:
            terms[key] = Term(name, key, label, slugs, str(code) if code is not None else None)
    checked.finish()
    return Vocabulary(name, checked.display, terms)


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
    name = reader.optional(place, "name", lambda key: reader.text((*path, *key)))
    kind = None
    if given(place.get("type")):
        kind = reader.term((*path, "type"), known.vocabularies["organisation_types"], place["type"])
    return Organisation(name, kind) if name else None


def _location(reader: FieldReader, path: FieldPath, known: Known) -> Location | None:
    place = reader.mapping(path)
    if place is None:
        return None
    name = reader.optional(place, "name", lambda key: reader.text((*path, *key)))
    address = reader.optional(place, "address", lambda key: reader.text((*path, *key)))
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
    name = reader.optional(former, "name", lambda key: reader.text((*path, *key)))
    until = former.get("until")
    if name and isinstance(until, int) and not isinstance(until, bool):
        return FormerName(name, until)
    return None


# How each kind of field is read: (reader, the field's path, its declaration, what it may name).
READERS: dict[str, Callable[[FieldReader, FieldPath, fields.Field, Known], object]] = {
    fields.TEXT: lambda r, path, f, k: r.text(path),
    fields.URL: lambda r, path, f, k: r.text(path),
    fields.EMAIL: lambda r, path, f, k: r.text(path),
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


def _entry(checked: _CheckedFile, kind: fields.EntryKind, values: dict, slug: str, make):
    """The entry ``make(**values)``; None when its file has errors or a required field is empty."""
    if not checked.finish():
        return None
    if any(values[f.name] in (None, []) for f in kind.fields if f.required):
        return None  # told by the schema already
    return make(slug=slug, source=checked.display, digest=checked.digest, **values)


def load_partner(
    path: Path, slug: str, paths: ContentPaths, problems: list[Problem], trace: FileTrace | None = None
) -> Partner | None:
    checked = _CheckedFile(path, paths, "partner", problems, trace=trace)
    data = checked.fields()
    if data is None:
        return None
    values = read_fields(checked.reader, data, fields.PARTNER, Known(paths.docs))
    return _entry(checked, fields.PARTNER, values, slug, Partner)


def vocabulary_hints(vocabularies: dict[str, Vocabulary]) -> Hints:
    """Hints naming the allowed terms, read from the vocabularies as loaded."""
    return hints_from({name: list(vocabulary.terms) for name, vocabulary in vocabularies.items()})


def load_initiative(
    path: Path,
    slug: str,
    paths: ContentPaths,
    partners: dict[str, Partner],
    vocabularies: dict[str, Vocabulary],
    problems: list[Problem],
    partner_files: frozenset[str] = frozenset(),
    hints: Hints | None = None,
    trace: FileTrace | None = None,
) -> Initiative | None:
    """``partner_files``: the slugs of every partner file, loaded or not; naming one whose
    file has errors is no error here (they are told in that file only)."""
    hints = hints or vocabulary_hints(vocabularies)
    checked = _CheckedFile(path, paths, "initiative", problems, hints, trace)
    data = checked.fields()
    if data is None:
        return None
    reader = checked.reader
    known = Known(paths.docs, vocabularies, partners, partner_files)
    values = read_fields(reader, data, fields.INITIATIVE, known)
    reader.dates_in_order(values, "added")
    _published_example(reader, values, ("name", "summary", "description"))
    return _entry(checked, fields.INITIATIVE, values, slug, Initiative)


# -----------------------------------------------------------------------------
# The made-up examples are never published
# -----------------------------------------------------------------------------

# The marks every example in content/ carries: a name that starts "Exempel" and
# a Swedish text that says "Påhittat exempel". A copy of an example keeps them.
EXAMPLE_NAME = re.compile(r"exempel\b", re.IGNORECASE)
EXAMPLE_TEXT = re.compile(r"påhittat\s+exempel", re.IGNORECASE)


def _published_example(reader: FieldReader, values: dict, texts: tuple[str, ...]) -> None:
    """An entry to be published that is still one of the examples, or a copy of one:
    told at its name (the first of ``texts``) or at the text that says so."""
    if values["draft"]:
        return
    name_field, *others = texts
    name = values[name_field]
    if name and EXAMPLE_NAME.match(name.sv):
        reader.problem((name_field, "sv"), "published-example-name", value=name.sv)
        return
    for text_field in others:
        text = values[text_field]
        if text and EXAMPLE_TEXT.search(text.sv):
            reader.problem((text_field, "sv"), "published-example-text")
            return


def load_event(
    path: Path,
    slug: str,
    paths: ContentPaths,
    partners: dict[str, Partner],
    vocabularies: dict[str, Vocabulary],
    problems: list[Problem],
    hints: Hints | None = None,
    partner_files: frozenset[str] = frozenset(),
    trace: FileTrace | None = None,
) -> Event | None:
    """``partner_files`` as for an initiative: an organiser whose file has errors is told there only."""
    hints = hints or vocabulary_hints(vocabularies)
    checked = _CheckedFile(path, paths, "event", problems, hints, trace)
    data = checked.fields()
    if data is None:
        return None
    reader = checked.reader
    known = Known(paths.docs, vocabularies, partners, partner_files)
    values = read_fields(reader, data, fields.EVENT, known)
    start, end = values["start"], values["end"]
    if start is not None and end is not None:
        if isinstance(start, datetime.datetime) != isinstance(end, datetime.datetime):
            reader.problem(("end",), "end-kind")
        elif end < start:
            reader.problem(("end",), "end-before-start", end=_written(end), start=_written(start))
    if not given(data.get("location")) and not given(data.get("online")):
        reader.problem((), "event-no-place")  # the schema could say it, but not so plainly
    reader.dates_in_order(values, "added")
    _published_example(reader, values, ("title", "summary", "description"))
    return _entry(checked, fields.EVENT, values, slug, Event)


def _written(moment) -> str:
    if isinstance(moment, datetime.datetime):  # %Y writes year 1 as '1' on some systems
        return f"{moment.year:04d}-{moment:%m-%dT%H:%M}"
    return moment.isoformat()


def load_news(
    path: Path,
    slug: str,
    paths: ContentPaths,
    partners: dict[str, Partner],
    initiatives: dict[str, Initiative],
    problems: list[Problem],
    partner_files: frozenset[str] = frozenset(),
    initiative_files: frozenset[str] = frozenset(),
    trace: FileTrace | None = None,
) -> NewsItem | None:
    """``partner_files``, ``initiative_files``: every such file, loaded or not; naming one
    whose file has errors is no error here (they are told in that file only)."""
    checked = _CheckedFile(path, paths, "news", problems, trace=trace)
    data = checked.fields()
    if data is None:
        return None
    reader = checked.reader
    known = Known(paths.docs, {}, partners, partner_files, initiatives, initiative_files)
    values = read_fields(reader, data, fields.NEWS, known)
    reader.dates_in_order(values, "published")
    _published_example(reader, values, ("title", "summary", "body"))
    return _entry(checked, fields.NEWS, values, slug, NewsItem)


# -----------------------------------------------------------------------------
# The whole content
# -----------------------------------------------------------------------------


RELATED_LIMIT = 3


def check_content(
    paths: ContentPaths, cache: ContentCache | None = None
) -> tuple[Content | None, list[Problem]]:
    """Load and check everything; return the content (None on errors) and all problems.

    With a ``cache``, a file whose bytes and dependencies are unchanged since the cache
    saw it is taken from there, not parsed and checked again: the results are the same.
    """
    problems: list[Problem] = []
    files = _FileLoads(paths, cache)
    vocabularies = {
        name: files.load(
            paths.vocabulary / filename,
            paths.display(paths.vocabulary / filename),
            problems,
            ("schemas",),
            lambda own, trace, name=name, filename=filename: load_vocabulary(
                name, paths.vocabulary / filename, paths, own, trace
            ),
        )
        for name, filename in VOCABULARY_FILES.items()
    }
    # A vocabulary whose file has errors may lack a term that entries rightly name:
    # told in its own file only, not once more in every entry that names the term.
    broken = {problem.file for problem in problems if problem.severity == "error"}
    vocabularies = {
        name: dataclasses.replace(vocabulary, complete=False) if vocabulary.source in broken else vocabulary
        for name, vocabulary in vocabularies.items()
    }
    files.vocabularies = vocabularies

    # Every file under content/ is read, known to belong, or reported (filenames.py).
    vocabulary_files = set(VOCABULARY_FILES.values())
    problems.extend(filenames.stray_files(paths.partners.parent, vocabulary_files, paths.display))
    # Pages in docs/: each paired with its translation by its key; English ones
    # unverified or outdated, with the line that marks them.
    problems.extend(page_key_problems(paths.docs, paths.display))
    problems.extend(docs_html.page_problems(paths.docs, paths.display))
    problems.extend(page_translation_problems(paths.docs, paths.display))

    partners, partner_files = _load_folder(
        files,
        paths,
        paths.partners,
        problems,
        ("schemas",),
        lambda path, slug, own, trace: load_partner(path, slug, paths, own, trace),
    )
    files.partners, files.partner_files = partners, partner_files

    # Every partner file is a known partner, loaded or not: its errors are told in its own file.
    known_partners = frozenset(partner_files)
    hints = vocabulary_hints(vocabularies)  # made once, from the vocabularies as loaded
    initiatives, initiative_files = _load_folder(
        files,
        paths,
        paths.initiatives,
        problems,
        ("schemas", "year", "vocabulary-keys"),
        lambda path, slug, own, trace: load_initiative(
            path, slug, paths, partners, vocabularies, own, known_partners, hints, trace
        ),
    )
    files.initiatives, files.initiative_files = initiatives, initiative_files

    # Likewise every initiative file, for the news that name them.
    known_initiatives = frozenset(initiative_files)
    events, _event_files = _load_folder(
        files,
        paths,
        paths.events,
        problems,
        ("schemas", "vocabulary-keys"),
        lambda path, slug, own, trace: load_event(
            path, slug, paths, partners, vocabularies, own, hints, known_partners, trace
        ),
    )
    news, _news_files = _load_folder(
        files,
        paths,
        paths.news,
        problems,
        ("schemas",),
        lambda path, slug, own, trace: load_news(
            path, slug, paths, partners, initiatives, own, known_partners, known_initiatives, trace
        ),
    )

    files.finish()
    # Last: a link another check has named already is not told twice.
    problems.extend(_published_files_problems(paths, problems))
    if any(p.severity == "error" for p in problems):
        return None, problems
    return Content(partners, initiatives, vocabularies, events=events, news=news), problems


def _published_files_problems(paths: ContentPaths, problems: list[Problem]) -> list[Problem]:
    """Links anywhere a build reads from and files docs/ may not hold (published_files.py)."""
    told = {p.file for p in problems if p.code == "file-symlink"}
    told |= {paths.display(paths.docs / p.params["value"]) for p in problems if p.code == "image-symlink"}
    # An image of a format we do not publish, named by an entry: told there, at its field.
    told |= {paths.display(paths.docs / p.params["value"]) for p in problems if p.code == "image-unsupported"}
    content = paths.partners.parent
    outside = [paths.initiatives] if content not in paths.initiatives.parents else []
    return published_files.problems(paths.display_root, paths.docs, paths.display, outside, told)


def _load_folder(files, paths: ContentPaths, folder: Path | None, problems, depends_on, load):
    """Every entry of one folder: ({slug: entry} of those that loaded, the slugs of every file).

    ``load(path, slug, own_problems, trace)`` checks one file (through the cache);
    partners are plain entries, the others refer to entries loaded before them.
    """
    entries: dict = {}
    slugs: set[str] = set()
    seen: dict[str, str] = {}
    for path in filenames.content_files(folder, paths.display, problems) if folder else []:
        if files.too_many_errors(problems):
            break
        display = paths.display(path)
        slug = _check_slug(path, display, seen, problems)
        if not slug:
            continue
        slugs.add(slug)
        entry = files.load(
            path,
            display,
            problems,
            depends_on,
            lambda own, trace, path=path, slug=slug: load(path, slug, own, trace),
            references=folder != paths.partners,
        )
        if entry:
            entries[slug] = entry
    return entries, slugs


def load_content(
    paths: ContentPaths, include_drafts: bool = False, cache: ContentCache | None = None
) -> Content:
    """The checked, cross-referenced content; raise ContentProblems listing every error.

    ``cache``: see ``check_content``. Every entry handed out is a new object, and every
    list filled by cross-referencing is filled anew.
    """
    content, problems = check_content(paths, cache)
    if content is None:
        raise ContentProblems([p for p in problems if p.severity == "error"])
    if not include_drafts:
        drafts = [i for i in content.initiatives.values() if i.draft]
        content.unpublished_images = {i.image.src for i in drafts if i.image}
        content.initiatives = {slug: i for slug, i in content.initiatives.items() if not i.draft}
        # Events and news: drafts out of every page, list, feed and calendar.
        for entry in [*content.events.values(), *content.news.values()]:
            if entry.draft and entry.image:
                content.unpublished_images.add(entry.image.src)
        content.events = {slug: e for slug, e in content.events.items() if not e.draft}
        content.news = {slug: n for slug, n in content.news.items() if not n.draft}
        for item in content.news.values():  # news about a draft initiative names no page
            item.initiatives = [i for i in item.initiatives if i.slug in content.initiatives]
    content.warnings = [p for p in problems if p.severity == "warning"]
    _cross_reference(content, cache)
    return content


# -----------------------------------------------------------------------------
# One file at a time, through the cache
# -----------------------------------------------------------------------------


# The reader's code for an unknown key, and the kind of entry the key names.
REFERENCE_KINDS = {"unknown-partner": "partner", "unknown-initiative": "initiative"}


# Errors after which the check stops reading further files (fix these first).
MAX_ERRORS = 1000


class _FileLoads:
    """Loads each content file, or takes its result from the cache.

    What a file's result depends on besides its bytes, by name (``depends`` of
    ``load``), each told to the cache as a digest of this load's state:

    - ``schemas``: every schema file;
    - ``year``: this year (an initiative's start year may be at most next year);
    - ``vocabulary-keys``: each vocabulary's keys in order and whether its file is
      free of errors (terms found, and the schema messages' hints), and
      ``vocabulary-terms`` (labels and slugs too) only for a file with an unknown
      term, whose message suggests the term meant;
    - ``partner:<slug>``, ``initiative:<slug>``: for each one a file names, whether it
      loaded and whether its file exists; ``partners``, ``initiatives`` (every slug
      loaded and every file) only for a file naming an unknown one, whose message
      lists them all;
    - ``image:<src>``: each image the check looked at (``_image_state``).

    An entry's references to terms, partners and initiatives are kept as keys and
    bound to this load's objects: a new label or description needs no check again.
    """

    def __init__(self, paths: ContentPaths, cache: ContentCache | None):
        self.paths = paths
        self.cache = cache
        self._errors = self._counted = 0
        self._stopped = False
        self.digests: dict[str, str] = {}  # dependency -> digest, in this load
        self.vocabularies: dict[str, Vocabulary] = {}
        self.partners: dict[str, Partner] = {}
        self.partner_files: set[str] = set()
        self.initiatives: dict[str, Initiative] = {}
        self.initiative_files: set[str] = set()
        if cache is not None:
            cache.start()

    def load(
        self,
        path: Path,
        key: str,
        problems: list[Problem],
        depends: tuple[str, ...],
        load_file: Callable[[list[Problem], FileTrace], object],
        references: bool = False,
    ):
        """``load_file(problems, trace)``'s entry, its problems added to ``problems``;
        ``key``: the file's display path."""
        if self.cache is None:
            return load_file(problems, None)
        # A file whose status (inode, size, times) is as when it was last read has
        # the bytes it had then: 1,000 unchanged files are not read again.
        status = os.lstat(path)
        signature = (status.st_ino, status.st_mode, status.st_size, status.st_mtime_ns, status.st_ctime_ns)
        digest = self.cache.digest_of(key, signature)
        source = None
        if digest is None:
            source = read_source(path, key)
            if source[0] is None:  # refused before parsing (a link, too large): nothing to keep
                return load_file(problems, FileTrace(source))
            digest = hashlib.sha256(source[0]).hexdigest()
            self.cache.note_digest(key, signature, digest)
        found = self.cache.get(key, digest, self.digest, self.resolve if references else None)
        if found is None:
            if source is None:
                source = read_source(path, key)
                if source[0] is None:
                    return load_file(problems, FileTrace(source))
            trace = FileTrace(source)
            own: list[Problem] = []
            entry = load_file(own, trace)
            names = [
                *depends,
                *(f"image:{src}" for src in trace.images),
                *(f"{REFERENCE_KINDS[code]}:{key}" for code, key in trace.named),
            ]
            codes = {p.code for p in own}
            if "unknown-term" in codes:  # the suggestion reads labels and slugs
                names.append("vocabulary-terms")
            # Only a message for an unknown key lists every one: a new partner or
            # initiative file concerns the files that name it, and these.
            names.extend(REFERENCE_KINDS[code] + "s" for code in codes & set(REFERENCE_KINDS))
            names = list(dict.fromkeys(names))
            dependencies = {name: self.digest(name) for name in names}
            self.cache.put(key, digest, dependencies, (entry, own), self.refer if references else None)
            found = entry, own
        entry, own = found
        problems.extend(own)
        return entry

    def finish(self) -> None:
        if self.cache is not None:
            self.cache.finish()

    def too_many_errors(self, problems: list[Problem]) -> bool:
        """True once the run has MAX_ERRORS errors: the files after are not checked (said
        once, in a problem of its own), so twenty thousand broken files cost seconds."""
        self._errors += sum(p.severity == "error" for p in problems[self._counted :])
        self._counted = len(problems)
        if self._errors < MAX_ERRORS:
            return False
        if not self._stopped:
            self._stopped = True
            problems.append(Problem("content", None, None, "", "check-stopped", {"limit": MAX_ERRORS}))
            self._counted += 1
        return True

    # --- References kept as keys ----------------------------------------------

    @staticmethod
    def refer(obj) -> Reference | None:
        if isinstance(obj, Term):
            return ("term", obj.vocabulary, obj.key)
        if isinstance(obj, Partner):
            return ("partner", obj.slug)
        if isinstance(obj, Initiative):
            return ("initiative", obj.slug)
        return None

    def resolve(self, reference: Reference):
        kind, *key = reference
        if kind == "term":
            return self.vocabularies[key[0]].terms[key[1]]
        if kind == "partner":
            return self.partners[key[0]]
        if kind == "initiative":
            return self.initiatives[key[0]]
        raise KeyError(reference)

    # --- Dependencies -----------------------------------------------------------

    def digest(self, name: str) -> str:
        if name not in self.digests:
            self.digests[name] = hashlib.sha256(repr(self._state(name)).encode()).hexdigest()
        return self.digests[name]

    def _state(self, name: str):
        if name == "schemas":
            return [(path.name, path.read_bytes()) for path in sorted(self.paths.schemas.glob("*.json"))]
        if name == "year":
            return datetime.date.today().year
        if name == "vocabulary-keys":
            return [(v.name, v.source, v.complete, list(v.terms)) for v in self.vocabularies.values()]
        if name == "vocabulary-terms":
            return [
                (v.name, v.source, [(t.key, t.label.sv, t.label.en, sorted(t.slugs.items())) for t in terms])
                for v in self.vocabularies.values()
                for terms in [v.terms.values()]
            ]
        if name == "partners":
            return sorted(self.partners), sorted(self.partner_files)
        if name == "initiatives":
            return sorted(self.initiatives), sorted(self.initiative_files)
        if name.startswith("partner:"):
            slug = name.removeprefix("partner:")
            return slug in self.partners, slug in self.partner_files
        if name.startswith("initiative:"):
            slug = name.removeprefix("initiative:")
            return slug in self.initiatives, slug in self.initiative_files
        if name.startswith("image:"):
            return _image_state(self.paths.docs, name.removeprefix("image:"))
        raise KeyError(name)


def _image_state(docs: Path, src: str) -> tuple:
    """All that FieldReader.image reads of the files: a link, the file's case and
    near misses, and (by its size and times) the file itself."""
    if images.outside_image_folder(src):
        return ("outside",)
    if filenames.is_link(docs, src):
        return ("link",)
    if not filenames.exact_file(docs, src):
        return ("missing", filenames.near_miss(docs, src))
    try:
        stat = (docs / src).stat()
    except OSError:
        return ("gone",)
    return ("file", stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino)


def _cross_reference(content: Content, cache: ContentCache | None = None) -> None:
    for initiative in content.sorted_initiatives("sv"):
        for partner in initiative.partners:
            partner.initiatives.append(initiative)
    for event in sorted_events(content.events.values()):
        for partner in event.organisers:
            partner.events.append(event)
    for item in newest_news(content.news.values()):
        for partner in item.partners:
            partner.news.append(item)
        for initiative in item.initiatives:
            initiative.news.append(item)
    initiatives = content.initiatives
    if cache is None:
        related = _relate(initiatives.values())
    else:  # worked out again only when a slug or an initiative's themes changed
        key = sorted((slug, sorted(t.key for t in i.themes)) for slug, i in initiatives.items())
        related = cache.derived("related", key, lambda: _relate(initiatives.values()))
    for slug, others in related.items():
        initiatives[slug].related = [initiatives[other] for other in others]


def _relate(initiatives) -> dict[str, list[str]]:
    """Related: most themes in common first; among equals, the ones that follow the
    initiative on a ring ordered by a checksum of the slugs.

    A tie broken by slug alone made the first initiatives by slug related to
    hundreds of others (and an edit of one rebuild all their pages). On the
    ring each initiative has its own starting point, and an initiative added
    or removed changes the related lists of only the few just before it.
    Comparing every pair is quadratic (25 million pairs at 5,000); but two
    initiatives share as many themes as their sets of themes do, and there are
    few distinct sets: within each set the initiatives that follow on the ring
    are found by bisection, level by level of themes shared.
    """
    related: dict[str, list[str]] = {}  # slug -> the related initiatives' slugs
    ring = {initiative.slug: zlib.crc32(initiative.slug.encode()) for initiative in initiatives}
    by_set: dict[frozenset, list[Initiative]] = defaultdict(list)
    for initiative in initiatives:
        by_set[frozenset(initiative.themes)].append(initiative)
    for members in by_set.values():
        members.sort(key=lambda i: (ring[i.slug], i.slug))
    positions = {themes: [ring[i.slug] for i in members] for themes, members in by_set.items()}
    for themes, members in by_set.items():
        levels: dict[int, list[frozenset]] = defaultdict(list)
        for other_themes in by_set:
            shared = len(themes & other_themes)
            if shared:
                levels[shared].append(other_themes)
        ranked_levels = sorted(levels.items(), reverse=True)
        for initiative in members:
            own = ring[initiative.slug]
            candidates = []
            for shared, level in ranked_levels:
                for other_themes in level:
                    others, start = by_set[other_themes], bisect.bisect_right(positions[other_themes], own)
                    for step in range(min(len(others), RELATED_LIMIT + 1)):
                        other = others[(start + step) % len(others)]
                        if other is not initiative:
                            distance = (ring[other.slug] - own) % 2**32
                            candidates.append((-shared, distance, other.slug, other))
                if len(candidates) >= RELATED_LIMIT:
                    break
            candidates.sort(key=lambda c: c[:3])
            related[initiative.slug] = [c[3].slug for c in candidates[:RELATED_LIMIT]]
    return related
