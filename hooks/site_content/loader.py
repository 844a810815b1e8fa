"""Load, validate and cross-reference every content file.

All problems of a run are collected and raised together (ContentProblems), each
naming the file, line, column and field, so a partner can fix them in one go.
"""

from __future__ import annotations

import datetime
import difflib
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from . import filenames, images, markup
from .page_translations import page_translation_problems
from .model import (
    TIME_ZONE,
    Content,
    Event,
    Image,
    Initiative,
    Localized,
    Location,
    NewsItem,
    Partner,
    Term,
    Vocabulary,
    newest_news,
    sorted_events,
    text_hash,
)
from .problems import (
    FIELD_HINTS,
    TRANSLATION_MARKS,
    UNKNOWN_TERM,
    ContentProblems,
    Problem,
    describe_value,
    field_suggestion,
    removal_params,
    suggestion,
)
from .safety import html_tag, unsafe_markup
from .schemas import schema_problems
from .slugs import fold_slug, is_valid_slug, slugify
from .yamlsource import FieldPath, YamlDocument, format_field_path, read_yaml

SUMMARY_LIMIT = 300
NAME_LIMIT = 120
URL_PATTERN = re.compile(r"^https?://[^\s/$.?#][^\s]*\.[^\s]+$|^https?://[^\s/$.?#][^\s]*\.[^\s]*/[^\s]*$")
EMAIL_PATTERN = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")
HASH_PATTERN = re.compile(r"^[0-9a-f]{8}$")

VOCABULARY_FILES = {
    "themes": "themes.yml",
    "municipalities": "municipalities.yml",
    "organisation_types": "organisation-types.yml",
    "stages": "stages.yml",
}
PARTNER_FIELDS = ("name", "description", "website", "logo", "contact")
INITIATIVE_FIELDS = (
    "name",
    "summary",
    "description",
    "themes",
    "municipalities",
    "partners",
    "organisation",
    "stage",
    "started",
    "website",
    "contact",
    "image",
    "added",
    "updated",
    "draft",
)
EVENT_FIELDS = (
    "title",
    "summary",
    "description",
    "start",
    "end",
    "location",
    "online",
    "organisers",
    "registration",
    "image",
    "added",
    "updated",
    "draft",
)
NEWS_FIELDS = (
    "title",
    "summary",
    "body",
    "published",
    "partners",
    "initiatives",
    "image",
    "updated",
    "draft",
)
# A local time in Skåne as partners write it: 2027-03-28T10:00 (seconds optional).
LOCAL_TIME_PATTERN = re.compile(r"^([0-9]{4}-[0-9]{2}-[0-9]{2})[T ]([0-9]{2}):([0-9]{2})(?::([0-9]{2}))?$")
HTTPS_PATTERN = re.compile(r"^https://")


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
        try:
            return path.resolve().relative_to(self.display_root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()


# -----------------------------------------------------------------------------
# Reading fields with problems told precisely
# -----------------------------------------------------------------------------


class FieldReader:
    """Reads typed fields from one document; records a Problem for each fault."""

    def __init__(self, document: YamlDocument, problems: list[Problem], source: Path | None = None):
        self.document = document
        self.problems = problems
        self.source = source  # the file, read again only to tell a partner how to write a line
        self._lines: list[str] | None = None

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

    def value(self, field_path: FieldPath):
        value = self.document.data
        for part in field_path:
            value = value[part]
        return value

    def mapping(self, field_path: FieldPath, allowed: tuple[str, ...]) -> dict | None:
        value = self.value(field_path)
        if not isinstance(value, dict):
            self.problem(field_path, "not-mapping", found=_describe(value))
            return None
        for key in value:
            if key not in allowed:
                self.problem(
                    (*field_path, key),
                    "unknown-field",
                    key=key,
                    allowed=", ".join(allowed),
                    suggestion=field_suggestion(key, list(allowed)),
                )
        return value

    def optional(self, parent: dict, key: str, read, *arguments):
        """``read`` the field ``key`` when it is filled in, else None."""
        return read((key,), *arguments) if given(parent.get(key)) else None

    def required(self, parent: dict, field_path: FieldPath, hint: str = "plain") -> bool:
        key = field_path[-1]
        if key not in parent or not given(parent[key]):
            self.problem(field_path, "required", key=key, hint=FIELD_HINTS[hint])
            return False
        return True

    def text(self, field_path: FieldPath, limit: int | None = None, markdown: bool = False) -> str | None:
        """A text; only Markdown fields (descriptions) may hold the safe HTML subset."""
        value = self.value(field_path)
        if not isinstance(value, str) or isinstance(value, bool):
            self.problem(field_path, "not-text", found=_describe(value))
            return None
        value = value.strip()
        if not value:
            self.problem(field_path, "empty-text")
            return None
        if limit and len(value) > limit:
            self.problem(field_path, "too-long", length=len(value), limit=limit)
        if markdown:
            findings = unsafe_markup(value)
            for finding in findings:
                self.problem(field_path, "unsafe-html", **finding)
            if not findings:
                # The guarantee behind the friendly messages above: whatever the
                # sanitiser removes from the page is an error, never a silent loss.
                for removal in markup.removed(value):
                    self.problem(
                        field_path,
                        "sanitised",
                        **removal_params(removal.tag, removal.attribute, removal.value),
                    )
        elif html_tag(value):
            self.problem(field_path, "html-in-text", tag=html_tag(value))
        return value

    def localized(
        self, parent: dict, field_path: FieldPath, limit: int | None = None, markdown: bool = False
    ) -> Localized | None:
        if not self.required(parent, field_path, hint="localized"):
            return None
        return self.optional_localized(field_path, limit, markdown)

    def optional_localized(
        self, field_path: FieldPath, limit: int | None = None, markdown: bool = False
    ) -> Localized | None:
        value = self.mapping(field_path, ("sv", "en", "en_from"))
        if value is None:
            return None
        if "sv" not in value or value["sv"] is None:
            self.problem((*field_path, "sv"), "required", key="sv", hint=FIELD_HINTS["swedish"])
            return None
        sv = self.text((*field_path, "sv"), limit, markdown)
        en = None
        if given(value.get("en")):
            en = self.text((*field_path, "en"), limit, markdown)
        if not sv:
            return None
        en_from = value.get("en_from")
        if en_from is not None and not (isinstance(en_from, str) and HASH_PATTERN.match(en_from)):
            # Unquoted digits are a number to YAML: the message shows the quotes.
            self.problem((*field_path, "en_from"), "bad-hash", value=en_from, hash=text_hash(sv))
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
            style = "flow" if self._written_in_braces(field_path) else "block"
            how = {lang: mark.format(hash=fingerprint) for lang, mark in TRANSLATION_MARKS[style].items()}
            self.warning(field_path, "unverified-translation", at=(*field_path, "en"), how=how)

    def _written_in_braces(self, field_path: FieldPath) -> bool:
        """True for a field written {sv: …, en: …} on its line, rather than one key a line."""
        line, column = self.document.position(field_path)
        if self.source is None or line is None or column is None:
            return False
        if self._lines is None:
            try:
                self._lines = self.source.read_text("utf-8").splitlines()
            except (OSError, UnicodeDecodeError):
                self._lines = []
        text = self._lines[line - 1] if line <= len(self._lines) else ""
        return text[column - 1 : column] == "{"

    def url(self, field_path: FieldPath) -> str | None:
        value = self.text(field_path)
        if value and not URL_PATTERN.match(value):
            self.problem(field_path, "bad-url", value=value)
            return None
        return value

    def email(self, field_path: FieldPath) -> str | None:
        value = self.text(field_path)
        if value and not EMAIL_PATTERN.match(value):
            self.problem(field_path, "bad-email", value=value)
            return None
        return value

    def date(self, field_path: FieldPath) -> datetime.date | None:
        value = self.value(field_path)
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        # YAML leaves impossible dates such as 2026-02-30 as text.
        self.problem(field_path, "bad-date", value=value)
        return None

    def term_list(self, field_path: FieldPath, vocabulary: Vocabulary) -> list[Term]:
        value = self.value(field_path)
        example = next(iter(vocabulary.terms))
        if not isinstance(value, list):
            if isinstance(value, str) and value in vocabulary.terms:
                value = [value]  # a single key is a list of one
            else:
                self.problem(field_path, "not-list", example=example, found=_describe(value))
                return []
        if not value:
            self.problem(field_path, "empty-list", example=example)
            return []
        terms: list[Term] = []
        for index, key in enumerate(value):
            term = self.term((*field_path, index), vocabulary, key)
            if term is None:
                continue
            if term in terms:
                self.problem((*field_path, index), "duplicate-item", value=key)
                continue
            terms.append(term)
        return terms

    def term(self, field_path: FieldPath, vocabulary: Vocabulary, key) -> Term | None:
        if not isinstance(key, str):  # a list or mapping where a key belongs: the schema says so
            self.problem(field_path, "not-text", found=_describe(key))
            return None
        if key in vocabulary.terms:
            return vocabulary.terms[key]
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
        value = self.mapping(field_path, ("src", "alt"))
        if value is None:
            return None
        src = self.text((*field_path, "src")) if self.required(value, (*field_path, "src")) else None
        alt = self.localized(value, (*field_path, "alt"))
        if src and images.outside_image_folder(src):
            self.problem((*field_path, "src"), "image-outside-folder", value=src)
            return None
        if src and not filenames.exact_file(docs, src):
            near = filenames.near_miss(docs, src)
            if near:
                self.problem((*field_path, "src"), "missing-file-near", value=src, near=near)
            else:
                self.problem((*field_path, "src"), "missing-file", value=src, folder=images.IMAGE_FOLDER)
            return None
        if src:
            # Limits, format and (for SVG) safety, read without decoding the image.
            findings = images.inspect(docs / src)
            for code, params in findings:
                self.problem((*field_path, "src"), code, value=src, **params)
            if findings:
                return None
            if images.has_gps_position(docs / src):
                self.warning((*field_path, "src"), "image-gps", value=src)
        return Image(src, alt) if src and alt else None

    # --- Events and news --------------------------------------------------

    def local_time(self, field_path: FieldPath) -> datetime.date | datetime.datetime | None:
        """A date (all day) or a naive local time in Skåne, from 2027-03-28 or 2027-03-28T10:00."""
        value = self.value(field_path)
        if isinstance(value, datetime.datetime):
            moment = value
            if moment.tzinfo is not None:  # written with an offset: the same instant, in Skåne
                moment = moment.astimezone(ZoneInfo(TIME_ZONE)).replace(tzinfo=None)
        elif isinstance(value, datetime.date):
            return value
        else:
            match = LOCAL_TIME_PATTERN.match(str(value).strip()) if isinstance(value, str) else None
            try:
                moment = datetime.datetime.fromisoformat(
                    f"{match[1]}T{match[2]}:{match[3]}:{match[4] or '00'}"
                )
            except (TypeError, ValueError):
                self.problem(field_path, "bad-datetime", value=value)
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

    def partner_list(self, field_path: FieldPath, partners: dict[str, Partner]) -> list[Partner]:
        value = self.value(field_path)
        if isinstance(value, str):
            value = [value]  # a single key is a list of one
        if not isinstance(value, list):
            self.problem(field_path, "not-list", example="coompanion-skane", found=_describe(value))
            return []
        found: list[Partner] = []
        for index, key in enumerate(value):
            if not isinstance(key, str):  # a list or mapping where a key belongs
                self.problem((*field_path, index), "not-text", found=_describe(key))
                continue
            if key in partners:
                if partners[key] not in found:
                    found.append(partners[key])
                continue
            close = difflib.get_close_matches(str(key), list(partners), n=1)
            self.problem(
                (*field_path, index),
                "unknown-partner",
                value=key,
                suggestion=suggestion(close),
                allowed=", ".join(sorted(partners)),
            )
        return found

    def https_url(self, field_path: FieldPath) -> str | None:
        value = self.url(field_path)
        if value and not HTTPS_PATTERN.match(value):
            self.problem(field_path, "not-https", value=value)
            return None
        return value

    def draft(self, data: dict) -> bool:
        draft = data.get("draft", False)
        if draft is None:
            return False
        if not isinstance(draft, bool):
            self.problem(("draft",), "not-boolean", value=draft)
            return False
        return draft


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
    return value is not None


def _describe(value) -> dict[str, str]:
    return {lang: describe_value(value, lang) for lang in ("sv", "en")}


# -----------------------------------------------------------------------------
# Files
# -----------------------------------------------------------------------------


class _CheckedFile:
    """One content file: parsed, checked against its schema, read field by field.

    Schema problems and the reader's own come from the same mistakes; each is
    told once (the schema's, unless the reader can suggest the right value).
    """

    def __init__(self, path: Path, paths: ContentPaths, schema: str, problems: list[Problem]):
        self.problems = problems
        self.display = paths.display(path)
        self.schema_found: list[Problem] = []
        self.reader_found: list[Problem] = []
        document, found = read_yaml(path, self.display)
        problems.extend(found)
        self.digest = document.digest if document is not None else ""
        if document is not None and document.data is None:
            problems.append(Problem(self.display, 1, 1, "", "empty-file"))
            document = None
        self.reader = FieldReader(document, self.reader_found, path) if document is not None else None
        if document is not None:
            self.schema_found = schema_problems(document, schema, paths.schemas)

    def fields(self, allowed: tuple[str, ...]) -> dict | None:
        """The file's top level; None (with its problems recorded) when it is not a mapping."""
        if self.reader is None:
            return None
        data = self.reader.mapping((), allowed)
        if data is None:
            self.finish()
        return data

    def finish(self) -> bool:
        """Record this file's problems; True when it has no errors."""
        merged = merge_problems(self.schema_found, self.reader_found)
        self.problems.extend(merged)
        return not any(p.severity == "error" for p in merged)


# The reader's own message for these says what to write; the schema's only what is wrong.
PRECISE = ("unknown-term", "unknown-partner", "bad-hash", "quoted-year")


def merge_problems(schema_found: list[Problem], reader_found: list[Problem]) -> list[Problem]:
    suggested = {p.field for p in reader_found if p.code in PRECISE}
    # Dicts and sets, not lists: a hostile file can have thousands of problems.
    kept: dict[Problem, None] = {}
    for problem in schema_found:  # one keyword failing twice is one mistake
        if problem.field not in suggested:
            kept.setdefault(problem)
    covered = {p.field for p in kept}
    # The reader's own problems are each told: two at one field differ in what they say.
    told = [*kept]
    for problem in reader_found:
        if problem.severity == "error" and not covered.isdisjoint(_parents(problem.field)):
            continue
        told.append(problem)
    return sorted(told, key=lambda p: (p.line or 0, p.column or 0, p.severity))


def _parents(field: str) -> list[str]:
    """'image.alt.sv' -> ['', 'image', 'image.alt', 'image.alt.sv']: the fields that cover it."""
    return ["", *(field[:index] for index, char in enumerate(field) if char in ".["), field]


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
    folded = fold_slug(slug)
    if folded in seen:
        problems.append(
            Problem(display, None, None, "", "slug-collision", {"value": slug, "other": seen[folded]})
        )
        return None
    seen[folded] = display
    return slug


def load_vocabulary(name: str, path: Path, paths: ContentPaths, problems: list[Problem]) -> Vocabulary:
    checked = _CheckedFile(path, paths, "vocabulary", problems)
    terms: dict[str, Term] = {}
    taken: dict[tuple[str, str], str] = {}  # (language, slug) -> key: one URL per term
    reader = checked.reader
    if reader is None:
        return Vocabulary(name, checked.display, terms)
    document = reader.document
    data = reader.mapping((), tuple(document.data)) if isinstance(document.data, dict) else None
    for key in data or {}:
        entry = reader.mapping((key,), ("label", "slug", "scb_code"))
        if entry is None:
            continue
        if not is_valid_slug(str(key)):
            reader.problem((key,), "bad-slug", value=key, suggestion=slugify(str(key)))
            continue
        if not reader.required(entry, (key, "label"), hint="localized"):
            continue
        label = reader.optional_localized((key, "label"))
        slugs = {"sv": key, "en": key}
        if entry.get("slug") is not None:
            given = reader.mapping((key, "slug"), ("sv", "en")) or {}
            for lang, slug in given.items():
                if isinstance(slug, str) and is_valid_slug(slug):
                    slugs[lang] = slug
                else:
                    reader.problem((key, "slug", lang), "bad-slug", value=slug, suggestion=slugify(str(slug)))
        for lang, slug in slugs.items():
            if (lang, slug) in taken:
                reader.problem(
                    (key, "slug", lang) if entry.get("slug") else (key,),
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


def load_partner(path: Path, slug: str, paths: ContentPaths, problems: list[Problem]) -> Partner | None:
    checked = _CheckedFile(path, paths, "partner", problems)
    data = checked.fields(PARTNER_FIELDS)
    if data is None:
        return None
    reader = checked.reader
    name = reader.localized(data, ("name",), limit=NAME_LIMIT)
    description = reader.localized(data, ("description",), markdown=True)
    website = reader.optional(data, "website", reader.url)
    contact = reader.optional(data, "contact", reader.email)
    logo = reader.optional(data, "logo", reader.image, paths.docs)
    if not checked.finish() or not (name and description):
        return None
    return Partner(slug, checked.display, name, description, website, logo, contact, digest=checked.digest)


def load_initiative(
    path: Path,
    slug: str,
    paths: ContentPaths,
    partners: dict[str, Partner],
    vocabularies: dict[str, Vocabulary],
    problems: list[Problem],
    partner_files: frozenset[str] = frozenset(),
) -> Initiative | None:
    """``partner_files``: the slugs of every partner file, loaded or not; naming one whose
    file has errors is no error here (they are told in that file only)."""
    checked = _CheckedFile(path, paths, "initiative", problems)
    data = checked.fields(INITIATIVE_FIELDS)
    if data is None:
        return None
    reader = checked.reader

    name = reader.localized(data, ("name",), limit=NAME_LIMIT)
    summary = reader.localized(data, ("summary",), limit=SUMMARY_LIMIT)
    description = reader.optional(data, "description", reader.optional_localized, None, True)
    themes = (
        reader.term_list(("themes",), vocabularies["themes"]) if reader.required(data, ("themes",)) else []
    )
    municipalities = (
        reader.term_list(("municipalities",), vocabularies["municipalities"])
        if reader.required(data, ("municipalities",))
        else []
    )

    linked_partners: list[Partner] = []
    if given(data.get("partners")):
        value = data["partners"]
        if not isinstance(value, list):
            reader.problem(("partners",), "not-list", example="coompanion-skane", found=_describe(value))
        else:
            for index, key in enumerate(value):
                if not isinstance(key, str):  # a list or mapping where a key belongs
                    reader.problem(("partners", index), "not-text", found=_describe(key))
                    continue
                if key in partners:
                    linked_partners.append(partners[key])
                    continue
                if key in partner_files:
                    continue
                known = sorted({*partners, *partner_files})
                close = difflib.get_close_matches(str(key), known, n=1)
                reader.problem(
                    ("partners", index),
                    "unknown-partner",
                    value=key,
                    suggestion=suggestion(close),
                    allowed=", ".join(known),
                )

    organisation_name, organisation_type = None, None
    if reader.required(data, ("organisation",)):
        organisation = reader.mapping(("organisation",), ("name", "type"))
        if organisation is not None:
            if reader.required(organisation, ("organisation", "name")):
                organisation_name = reader.text(("organisation", "name"), limit=NAME_LIMIT)
            if reader.required(organisation, ("organisation", "type")):
                organisation_type = reader.term(
                    ("organisation", "type"), vocabularies["organisation_types"], organisation["type"]
                )

    stage = (
        reader.term(("stage",), vocabularies["stages"], data["stage"])
        if reader.required(data, ("stage",))
        else None
    )

    started = None
    if reader.required(data, ("started",)):
        value = data["started"]
        this_year = datetime.date.today().year
        plausible = range(1900, this_year + 2)
        if isinstance(value, int) and not isinstance(value, bool) and value in plausible:
            started = value
        elif isinstance(value, str) and re.fullmatch(r"[0-9]{4}", value.strip()) and int(value) in plausible:
            reader.problem(("started",), "quoted-year", value=value.strip())
        else:
            reader.problem(("started",), "bad-year", value=value)

    website = reader.optional(data, "website", reader.url)
    contact = reader.optional(data, "contact", reader.email)
    image = reader.optional(data, "image", reader.image, paths.docs)
    added = reader.date(("added",)) if reader.required(data, ("added",)) else None
    updated = reader.optional(data, "updated", reader.date)
    if added and updated and updated < added:
        reader.problem(("updated",), "updated-before-added", updated=updated, added=added)

    draft = data.get("draft", False)
    if draft is None:
        draft = False
    if not isinstance(draft, bool):
        reader.problem(("draft",), "not-boolean", value=draft)

    if not checked.finish():
        return None
    return Initiative(
        slug=slug,
        source=checked.display,
        name=name,
        summary=summary,
        description=description,
        themes=themes,
        municipalities=municipalities,
        partners=linked_partners,
        organisation_name=organisation_name,
        organisation_type=organisation_type,
        stage=stage,
        started=started,
        added=added,
        updated=updated,
        website=website,
        contact=contact,
        image=image,
        draft=draft,
        digest=checked.digest,
    )


def load_event(
    path: Path,
    slug: str,
    paths: ContentPaths,
    partners: dict[str, Partner],
    vocabularies: dict[str, Vocabulary],
    problems: list[Problem],
) -> Event | None:
    checked = _CheckedFile(path, paths, "event", problems)
    data = checked.fields(EVENT_FIELDS)
    if data is None:
        return None
    reader = checked.reader

    title = reader.localized(data, ("title",), limit=NAME_LIMIT)
    summary = reader.localized(data, ("summary",), limit=SUMMARY_LIMIT)
    description = reader.optional(data, "description", reader.optional_localized, None, True)
    start = reader.local_time(("start",)) if reader.required(data, ("start",), hint="start") else None
    end = reader.optional(data, "end", reader.local_time)
    if start is not None and end is not None:
        if isinstance(start, datetime.datetime) != isinstance(end, datetime.datetime):
            reader.problem(("end",), "end-kind")
        elif end < start:
            reader.problem(("end",), "end-before-start", end=_written(end), start=_written(start))

    location = None
    if given(data.get("location")):
        place = reader.mapping(("location",), ("name", "address", "municipality"))
        if place is not None:
            name = (
                reader.text(("location", "name"), NAME_LIMIT)
                if reader.required(place, ("location", "name"))
                else None
            )
            address = reader.optional(
                place, "address", lambda key: reader.text(("location", *key), NAME_LIMIT)
            )
            municipality = None
            if given(place.get("municipality")):
                municipality = reader.term(
                    ("location", "municipality"), vocabularies["municipalities"], place["municipality"]
                )
            if name:
                location = Location(name, address, municipality)
    online = reader.optional(data, "online", reader.https_url)
    if not given(data.get("location")) and not given(data.get("online")):
        reader.problem((), "event-no-place")

    organisers = (
        reader.partner_list(("organisers",), partners)
        if reader.required(data, ("organisers",), hint="organisers")
        else []
    )
    registration = reader.optional(data, "registration", reader.https_url)
    image = reader.optional(data, "image", reader.image, paths.docs)
    added = reader.date(("added",)) if reader.required(data, ("added",)) else None
    updated = reader.optional(data, "updated", reader.date)
    if added and updated and updated < added:
        reader.problem(("updated",), "updated-before-added", updated=updated, added=added)
    draft = reader.draft(data)

    if not checked.finish():
        return None
    return Event(
        slug=slug,
        source=checked.display,
        title=title,
        summary=summary,
        description=description,
        start=start,
        end=end,
        location=location,
        online=online,
        organisers=organisers,
        registration=registration,
        added=added,
        updated=updated,
        image=image,
        draft=draft,
        digest=checked.digest,
    )


def _written(moment) -> str:
    return f"{moment:%Y-%m-%dT%H:%M}" if isinstance(moment, datetime.datetime) else moment.isoformat()


def load_news(
    path: Path,
    slug: str,
    paths: ContentPaths,
    partners: dict[str, Partner],
    initiatives: dict[str, Initiative],
    problems: list[Problem],
) -> NewsItem | None:
    checked = _CheckedFile(path, paths, "news", problems)
    data = checked.fields(NEWS_FIELDS)
    if data is None:
        return None
    reader = checked.reader

    title = reader.localized(data, ("title",), limit=NAME_LIMIT)
    summary = reader.localized(data, ("summary",), limit=SUMMARY_LIMIT)
    body = reader.localized(data, ("body",), markdown=True)
    published = (
        reader.date(("published",)) if reader.required(data, ("published",), hint="published") else None
    )
    linked_partners = reader.optional(data, "partners", reader.partner_list, partners) or []
    about: list[Initiative] = []
    if given(data.get("initiatives")):
        value = data["initiatives"]
        value = [value] if isinstance(value, str) else value
        if not isinstance(value, list):
            reader.problem(
                ("initiatives",), "not-list", example="exempel-odlingslotten", found=_describe(value)
            )
        else:
            for index, key in enumerate(value):
                if not isinstance(key, str):  # a list or mapping where a key belongs
                    reader.problem(("initiatives", index), "not-text", found=_describe(key))
                    continue
                if key in initiatives:
                    about.append(initiatives[key])
                    continue
                close = difflib.get_close_matches(str(key), list(initiatives), n=1)
                reader.problem(
                    ("initiatives", index), "unknown-initiative", value=key, suggestion=suggestion(close)
                )
    image = reader.optional(data, "image", reader.image, paths.docs)
    updated = reader.optional(data, "updated", reader.date)
    if published and updated and updated < published:
        reader.problem(("updated",), "updated-before-added", updated=updated, added=published)
    draft = reader.draft(data)

    if not checked.finish():
        return None
    return NewsItem(
        slug=slug,
        source=checked.display,
        title=title,
        summary=summary,
        body=body,
        published=published,
        partners=linked_partners,
        initiatives=about,
        updated=updated,
        image=image,
        draft=draft,
        digest=checked.digest,
    )


# -----------------------------------------------------------------------------
# The whole content
# -----------------------------------------------------------------------------


RELATED_LIMIT = 3


def check_content(paths: ContentPaths) -> tuple[Content | None, list[Problem]]:
    """Load and check everything; return the content (None on errors) and all problems."""
    problems: list[Problem] = []
    vocabularies = {
        name: load_vocabulary(name, paths.vocabulary / filename, paths, problems)
        for name, filename in VOCABULARY_FILES.items()
    }

    # Every file under content/ is read, known to belong, or reported (filenames.py).
    vocabulary_files = set(VOCABULARY_FILES.values())
    problems.extend(filenames.stray_files(paths.partners.parent, vocabulary_files, paths.display))
    # English pages in docs/: unverified or outdated, with the line that marks them.
    problems.extend(page_translation_problems(paths.docs, paths.display))

    partners: dict[str, Partner] = {}
    partner_files: set[str] = set()
    seen: dict[str, str] = {}
    for path in filenames.content_files(paths.partners, paths.display, problems):
        slug = _check_slug(path, paths.display(path), seen, problems)
        partner = load_partner(path, slug, paths, problems) if slug else None
        if slug:
            partner_files.add(slug)
        if partner:
            partners[slug] = partner

    # Every partner file is a known partner, loaded or not: its errors are told in its own file.
    known_partners = frozenset(partner_files)
    initiatives: dict[str, Initiative] = {}
    seen = {}
    for path in filenames.content_files(paths.initiatives, paths.display, problems):
        slug = _check_slug(path, paths.display(path), seen, problems)
        initiative = (
            load_initiative(path, slug, paths, partners, vocabularies, problems, known_partners)
            if slug
            else None
        )
        if initiative:
            initiatives[slug] = initiative

    events: dict[str, Event] = {}
    seen = {}
    for path in filenames.content_files(paths.events, paths.display, problems) if paths.events else []:
        slug = _check_slug(path, paths.display(path), seen, problems)
        event = load_event(path, slug, paths, partners, vocabularies, problems) if slug else None
        if event:
            events[slug] = event

    news: dict[str, NewsItem] = {}
    seen = {}
    for path in filenames.content_files(paths.news, paths.display, problems) if paths.news else []:
        slug = _check_slug(path, paths.display(path), seen, problems)
        item = load_news(path, slug, paths, partners, initiatives, problems) if slug else None
        if item:
            news[slug] = item

    if any(p.severity == "error" for p in problems):
        return None, problems
    return Content(partners, initiatives, vocabularies, events=events, news=news), problems


def load_content(paths: ContentPaths, include_drafts: bool = False) -> Content:
    """The checked, cross-referenced content; raise ContentProblems listing every error."""
    content, problems = check_content(paths)
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
    _cross_reference(content)
    return content


def _cross_reference(content: Content) -> None:
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
    _relate(content.initiatives.values())


def _relate(initiatives) -> None:
    """Related: most themes in common first, then by slug for a stable order.

    Comparing every pair is quadratic (25 million pairs at 5,000). But two
    initiatives share as many themes as their sets of themes do, and there are
    few distinct sets: rank the sets, then take the first slugs of each.
    """
    by_set: dict[frozenset, list[Initiative]] = defaultdict(list)
    for initiative in initiatives:
        by_set[frozenset(initiative.themes)].append(initiative)
    for members in by_set.values():
        members.sort(key=lambda i: i.slug)
    for themes, members in by_set.items():
        candidates = []
        for other_themes, others in by_set.items():
            shared = len(themes & other_themes)
            if shared:
                # Enough of each set to fill the list even when one of them is the initiative itself.
                candidates.extend((-shared, other.slug, other) for other in others[: RELATED_LIMIT + 1])
        candidates.sort(key=lambda c: (c[0], c[1]))
        for initiative in members:
            initiative.related = [c[2] for c in candidates if c[2] is not initiative][:RELATED_LIMIT]
