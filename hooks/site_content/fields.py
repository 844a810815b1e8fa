"""Each entry kind's fields, declared once.

A content file's fields are named here, each with how it is read and where it
goes. What follows from a declaration, so that a field is added in one place:

- the entry's attributes (``model.declared``) and how the check reads them
  (``reader.read_fields``: the reader of the field's ``kind``);
- the open data (initiatives): the JSON record, its CSV columns and the JSON
  Schema published with them (``export``);
- JSON-LD (``linked_data``): the schema.org property in ``linked_data``;
- the preview's card digest (``card``: a card shows it, so the lists that show
  the card are built again when it changes);
- a pull request's summary: a line for ``summary`` fields, and every address
  (``ADDRESS_KINDS``) among the links a reviewer checks;
- an initiative's facts on its page (``fact``: shown by its kind, macro ``fact`` in
  ``overrides/sis/macros.html``), the field tables of the open-data pages
  (``overrides/sis/views/open-data.html``) and the suggestion form's questions (``asked``).

The shape of a file (types, lengths, patterns) stays in ``schemas/<kind>.schema.json``,
the one judge of it; ``tests/test_fields.py`` fails when a schema and its declaration
name different fields. A field's label is the string of its name in ``i18n/``; an
exported field's description in the open-data pages is ``open_data_<name>`` there.
"""

from __future__ import annotations

from dataclasses import dataclass

# -----------------------------------------------------------------------------
# How a field is read
# -----------------------------------------------------------------------------

TEXT = "text"  # one line of plain text
URL = "url"  # an https address (the schema says https)
EMAIL = "email"  # an e-mail address
ADDRESS = "address"  # an https or mailto: address (an event's registration)
LOCALIZED = "localized"  # plain text in Swedish and English
MARKDOWN = "markdown"  # Markdown in Swedish and English, through the sanitiser
TERMS = "terms"  # keys of a vocabulary
TERM = "term"  # one key of a vocabulary
PARTNERS = "partners"  # keys of partner files
INITIATIVES = "initiatives"  # keys of initiative files
IMAGE = "image"  # {src, alt}: a picture under docs/images/
SOURCES = "sources"  # [{url, title}]: where the facts come from
DATE = "date"  # 2026-12-06
YEAR = "year"  # 2016
TIME = "time"  # a date, or a local time in Skåne: 2027-03-28T10:00
FLAG = "flag"  # true or false
# Fields of a few fields of their own: each has its reader in reader.py.
ORGANISATION = "organisation"  # {name, type}
LOCATION = "location"  # {name, address, municipality}
FORMER_NAME = "former_name"  # {name, until}

# Kinds whose value is a list (empty when not written).
LIST_KINDS = frozenset({TERMS, PARTNERS, INITIATIVES, SOURCES})
# Kinds whose value is an address a reviewer checks by hand (the summary's links).
ADDRESS_KINDS = frozenset({URL, EMAIL, ADDRESS})

# The entry's attribute type for each kind (names of model.py, as text).
PYTHON_TYPES = {
    TEXT: "str",
    URL: "str",
    EMAIL: "str",
    ADDRESS: "str",
    LOCALIZED: "Localized",
    MARKDOWN: "Localized",
    TERMS: "list[Term]",
    TERM: "Term",
    PARTNERS: "list[Partner]",
    INITIATIVES: "list[Initiative]",
    IMAGE: "Image",
    SOURCES: "list[Source]",
    DATE: "datetime.date",
    YEAR: "int",
    TIME: "datetime.date | datetime.datetime",
    FLAG: "bool",
    ORGANISATION: "Organisation",
    LOCATION: "Location",
    FORMER_NAME: "FormerName",
}


@dataclass(frozen=True)
class Field:
    """One field of a content file, and the entry's attribute of the same name."""

    name: str
    kind: str
    # The schema requires it: the entry is not made without it.
    required: bool = False
    # TERM, TERMS: the vocabulary (model.Content.vocabularies' key).
    vocabulary: str | None = None
    # A card shows it (initiatives; overrides/sis/macros.html, initiative_card).
    card: bool = False
    # In the open data (initiatives): JSON record, CSV columns, schema.
    exported: bool = True
    # The open-data version that added it: the export's version is the newest.
    since: str = "1.0.0"
    # A line of its own in a pull request's summary.
    summary: bool = False
    # The schema.org property of the entry's JSON-LD node, if any.
    linked_data: str | None = None
    # The suggestion form (.github/ISSUE_TEMPLATE/tipsa-om-ett-initiativ.yml) asks for it.
    asked: bool = False
    # The entry's page lists it among its facts, shown by its kind (overrides/sis/macros.html,
    # ``fact``), labelled by the string of its name; a field shown otherwise is in the view.
    fact: bool = False

    def __post_init__(self) -> None:
        if self.kind not in PYTHON_TYPES:
            raise ValueError(f"{self.name}: unknown kind {self.kind!r}")
        if (self.kind in (TERM, TERMS)) != (self.vocabulary is not None):
            raise ValueError(f"{self.name}: a vocabulary belongs to a term field, and only to one")

    @property
    def python_type(self) -> str:
        kind = PYTHON_TYPES[self.kind]
        return kind if self.required or self.kind in LIST_KINDS or self.kind == FLAG else f"{kind} | None"


@dataclass(frozen=True)
class EntryKind:
    """One kind of content file: its schema's name and its fields in the file's order."""

    name: str
    fields: tuple[Field, ...]

    def __post_init__(self) -> None:
        names = [each.name for each in self.fields]
        twice = sorted({name for name in names if names.count(name) > 1})
        if twice:  # a second declaration would be shadowed by the first everywhere
            raise ValueError(f"{self.name}: fields declared twice: {', '.join(twice)}")

    def __getitem__(self, name: str) -> Field:
        for each in self.fields:
            if each.name == name:
                return each
        raise KeyError(name)

    def names(self) -> list[str]:
        return [each.name for each in self.fields]

    def exported(self) -> list[Field]:
        return [each for each in self.fields if each.exported]

    def facts(self) -> list[Field]:
        return [each for each in self.fields if each.fact]

    def on_cards(self) -> list[Field]:
        return [each for each in self.fields if each.card]

    def in_summary(self) -> list[Field]:
        return [each for each in self.fields if each.summary]

    def addresses(self) -> list[Field]:
        return [each for each in self.fields if each.kind in ADDRESS_KINDS]

    def version(self) -> str:
        """The newest ``since`` of its exported fields: the open data's schema version."""
        return max((each.since for each in self.exported()), key=_version_key)


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


# -----------------------------------------------------------------------------
# The declarations
# -----------------------------------------------------------------------------

# Only the drafts' flag is in no output: drafts are not published.
_DRAFT = Field("draft", FLAG, exported=False, card=True)
_SOURCES = Field("sources", SOURCES, since="2.0.0")

# fmt: off
# One field a line, as a table (ruff would break the longer ones over many lines).
PARTNER = EntryKind("partner", (
    Field("name", LOCALIZED, required=True, linked_data="name"),
    Field("description", MARKDOWN, required=True, summary=True, linked_data="description"),
    Field("website", URL),
    Field("logo", IMAGE, linked_data="logo"),
    Field("contact", EMAIL, linked_data="email"),
    Field("former_name", FORMER_NAME),
    Field("helps_with", LOCALIZED),
    Field("role", LOCALIZED),
    Field("contact_page", URL),
    _SOURCES,
))

INITIATIVE = EntryKind("initiative", (
    Field("name", LOCALIZED, required=True, card=True, asked=True, linked_data="name"),
    Field("summary", LOCALIZED, required=True, card=True, asked=True, summary=True,
          linked_data="description"),
    Field("description", MARKDOWN, asked=True),
    Field("themes", TERMS, vocabulary="themes", required=True, card=True, asked=True, summary=True, fact=True,
          linked_data="keywords"),
    Field("municipalities", TERMS, vocabulary="municipalities", required=True, card=True, asked=True,
          summary=True, fact=True, linked_data="areaServed"),
    Field("partners", PARTNERS, asked=True, summary=True, fact=True, linked_data="sponsor"),
    Field("organisation", ORGANISATION, since="2.0.0", asked=True, fact=True,
          linked_data="parentOrganization"),
    Field("stage", TERM, vocabulary="stages", since="2.0.0", asked=True, summary=True, fact=True),
    Field("started", YEAR, since="2.0.0", asked=True, fact=True, linked_data="foundingDate"),
    Field("website", URL, asked=True, fact=True, linked_data="sameAs"),
    Field("contact", EMAIL, asked=True, fact=True, linked_data="email"),
    Field("image", IMAGE, card=True, linked_data="image"),
    Field("sources", SOURCES, since="2.1.0", asked=True),  # 2.1.0: each source's lang
    Field("added", DATE, required=True, fact=True),
    Field("updated", DATE, fact=True),
    _DRAFT,
))

EVENT = EntryKind("event", (
    Field("title", LOCALIZED, required=True, linked_data="name"),
    Field("summary", LOCALIZED, required=True, summary=True, linked_data="description"),
    Field("description", MARKDOWN),
    Field("start", TIME, required=True),
    Field("end", TIME),
    Field("location", LOCATION),
    Field("online", URL),
    Field("organisers", PARTNERS, summary=True, linked_data="organizer"),
    Field("registration", ADDRESS),
    Field("image", IMAGE, linked_data="image"),
    _SOURCES,
    Field("added", DATE, required=True),
    Field("updated", DATE),
    _DRAFT,
))

NEWS = EntryKind("news", (
    Field("title", LOCALIZED, required=True, linked_data="headline"),
    Field("summary", LOCALIZED, required=True, summary=True, linked_data="description"),
    Field("body", MARKDOWN, required=True),
    Field("published", DATE, required=True),
    Field("partners", PARTNERS, summary=True, linked_data="mentions"),
    Field("initiatives", INITIATIVES, summary=True, linked_data="about"),
    Field("image", IMAGE, linked_data="image"),
    _SOURCES,
    Field("updated", DATE),
    _DRAFT,
))
# fmt: on

ENTRY_KINDS = {kind.name: kind for kind in (PARTNER, INITIATIVE, EVENT, NEWS)}
