"""The catalogue as open data: one JSON document and the same rows as CSV.

The JSON export carries every exported field of every initiative in both
languages, with its page URLs and the labels of its terms resolved; the CSV
flattens the same records, one row per initiative. Both follow the declaration
of an initiative's fields (``site_content.fields.INITIATIVE``): each field's
kind says how it is written and which columns it has. The JSON Schema published
with them as ``data/initiatives.schema.json`` is ``schemas/open-data.schema.json``
(the document and the shapes of values) with the initiative's properties made
from the same declaration.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
from collections.abc import Callable
from pathlib import Path

from . import fields, routes
from .characters import without_forbidden
from .fields import INITIATIVE
from .model import Content, Initiative, Localized, Partner, Term
from .routes import LANGUAGES

# A field added raises it (its ``since``); one removed or changed in meaning needs a new
# major version, written as the ``since`` of the fields it changes.
SCHEMA_VERSION = INITIATIVE.version()
# The export schema's document and value shapes, with the content schemas in schemas/.
SCHEMA_FILE = Path(__file__).resolve().parents[2] / "schemas" / "open-data.schema.json"
LICENCE = {
    "id": "CC0-1.0",
    "name": "CC0 1.0 Universal",
    "url": "https://creativecommons.org/publicdomain/zero/1.0/",
}
# Where the files are published, site-relative.
JSON_PATH = "data/initiatives.json"
CSV_PATH = "data/initiatives.csv"
SCHEMA_PATH = "data/initiatives.schema.json"
# Joins the items of a list in one CSV cell.
LIST_SEPARATOR = ";"

Absolute = Callable[[str], str]

# -----------------------------------------------------------------------------
# JSON: records with every field
# -----------------------------------------------------------------------------


# An initiative's record as it stands in each file: its JSON text and its CSV line.
EncodedRecord = tuple[str, str]


def export_texts(
    content: Content,
    absolute: Absolute,
    generated: datetime.datetime,
    encoded: Callable[[Initiative, Callable[[Initiative], EncodedRecord]], EncodedRecord] | None = None,
) -> tuple[str, str]:
    """The JSON and the CSV export; ``absolute`` turns a site-relative path into a full URL.

    ``encoded(initiative, encode)`` gives each initiative's record as text; by
    default ``encode(initiative)``. The preview passes one that remembers them
    between builds: after one edit, one record of thousands is made again.
    """
    initiatives = sorted(content.initiatives.values(), key=lambda i: i.slug)
    terms: dict[int, dict] = {}  # each term's record made once: thousands of initiatives share a few dozen

    def term(value: Term) -> dict:
        if id(value) not in terms:
            terms[id(value)] = term_record(value, absolute)
        return terms[id(value)]

    def encode(initiative: Initiative) -> EncodedRecord:
        return encode_record(initiative_record(initiative, absolute, term))

    records = [(encoded or (lambda i, make: make(i)))(i, encode) for i in initiatives]
    head = {
        "$schema": absolute(SCHEMA_PATH),
        "schema_version": SCHEMA_VERSION,
        "generated": generated.astimezone(datetime.UTC).isoformat(timespec="seconds").replace("+00:00", "Z"),
        "licence": LICENCE,
        "source": absolute(routes.home("sv")),
        "count": len(initiatives),
    }
    # The document as json.dumps writes it with the records last: "{…,"initiatives":[…]}".
    document = _to_json(head)[:-1] + ',"initiatives":[' + ",".join(text for text, _line in records) + "]}\n"
    table = io.StringIO()
    csv.writer(table, lineterminator="\r\n").writerow(CSV_COLUMNS)
    # The byte order mark makes Excel read UTF-8 (encode_record's docstring).
    return document, "\ufeff" + table.getvalue() + "".join(line for _text, line in records)


def initiative_record(initiative: Initiative, absolute: Absolute, term=None) -> dict:
    """One initiative's record; ``term`` makes a term's record (``term_record`` unless given)."""
    term = term or (lambda value: term_record(value, absolute))
    record = {
        "slug": initiative.slug,
        "url": {lang: absolute(routes.initiative(lang, initiative.slug)) for lang in LANGUAGES},
    }
    for declared in INITIATIVE.exported():
        value = getattr(initiative, declared.name)
        record[declared.name] = None if value is None else _VALUES[declared.kind](value, absolute, term)
    return record


def _image(image, absolute: Absolute) -> dict:
    return {"url": absolute(image.url), "alt": localized(image.alt)}


# How each kind of field is written in a record: (value, absolute, term) -> JSON value.
_VALUES = {
    fields.TEXT: lambda value, absolute, term: value,
    fields.URL: lambda value, absolute, term: value,
    fields.EMAIL: lambda value, absolute, term: value,
    fields.ADDRESS: lambda value, absolute, term: value,
    fields.YEAR: lambda value, absolute, term: value,
    fields.DATE: lambda value, absolute, term: value.isoformat(),
    fields.LOCALIZED: lambda value, absolute, term: localized(value),
    fields.MARKDOWN: lambda value, absolute, term: localized(value),
    fields.TERMS: lambda value, absolute, term: [term(each) for each in value],
    fields.TERM: lambda value, absolute, term: term(value),
    fields.PARTNERS: lambda value, absolute, term: [partner_record(each, absolute) for each in value],
    fields.IMAGE: lambda value, absolute, term: _image(value, absolute),
    fields.SOURCES: lambda value, absolute, term: [
        {"url": s.url, "title": s.title, "lang": s.lang} for s in value
    ],
    fields.ORGANISATION: lambda value, absolute, term: {
        "name": value.name,
        "type": term(value.type) if value.type else None,
    },
}


def localized(text: Localized) -> dict:
    """Both languages; ``en`` is null where no English text is written."""
    return {"sv": text.sv, "en": text.en or None}


def term_record(term: Term, absolute: Absolute | None = None) -> dict:
    record = {"key": term.key, "label": localized(term.label)}
    if term.vocabulary == "municipalities":
        record["scb_code"] = term.scb_code
    if absolute and term.vocabulary in routes.TERM_VOCABULARIES:
        record["url"] = {
            lang: absolute(routes.term(lang, term.vocabulary, term.slug(lang))) for lang in LANGUAGES
        }
    return record


def partner_record(partner: Partner, absolute: Absolute) -> dict:
    return {
        "slug": partner.slug,
        "name": localized(partner.name),
        "url": {lang: absolute(routes.partner(lang, partner.slug)) for lang in LANGUAGES},
        "website": partner.website,
    }


def _to_json(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def load_schema(absolute: Absolute, descriptions: dict[str, str] | None = None) -> dict:
    """The JSON Schema of the export, with its published address as ``$id``; each field's
    ``description`` from ``descriptions`` (the English ``open_data_<name>`` strings)."""
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    schema["properties"]["schema_version"]["const"] = SCHEMA_VERSION
    record = schema["$defs"]["initiative"]
    for declared in INITIATIVE.exported():
        shape = field_schema(declared)
        text = (descriptions or {}).get(f"open_data_{declared.name}")
        record["properties"][declared.name] = {"description": text, **shape} if text else shape
    record["required"] = list(record["properties"])
    return {"$schema": schema.pop("$schema"), "$id": absolute(SCHEMA_PATH), **schema}


# The shape of each kind of field's value (the $defs of schemas/open-data.schema.json).
_SHAPES = {
    fields.TEXT: {"type": "string", "minLength": 1},
    fields.URL: {"type": "string", "format": "uri"},
    fields.EMAIL: {"type": "string", "format": "email"},
    fields.ADDRESS: {"type": "string", "format": "uri"},
    fields.YEAR: {"type": "integer", "minimum": 1900},
    fields.DATE: {"type": "string", "format": "date"},
    fields.LOCALIZED: {"$ref": "#/$defs/text"},
    fields.MARKDOWN: {"$ref": "#/$defs/text"},
    fields.PARTNERS: {"type": "array", "items": {"$ref": "#/$defs/partner"}},
    fields.IMAGE: {"$ref": "#/$defs/image"},
    fields.SOURCES: {"$ref": "#/$defs/sources"},
    fields.ORGANISATION: {"$ref": "#/$defs/organisation"},
}


def _term_shape(vocabulary: str) -> dict:
    if vocabulary == "municipalities":
        return {"$ref": "#/$defs/municipality"}
    return {"$ref": "#/$defs/pagedTerm" if vocabulary in routes.TERM_VOCABULARIES else "#/$defs/term"}


def field_schema(declared: fields.Field) -> dict:
    """The JSON Schema of one field's value in a record: null allowed unless it is required."""
    if declared.kind == fields.TERMS:
        shape = {"type": "array", "items": _term_shape(declared.vocabulary)}
        return {**shape, "minItems": 1} if declared.required else shape
    shape = _term_shape(declared.vocabulary) if declared.kind == fields.TERM else _SHAPES[declared.kind]
    if declared.required or declared.kind in fields.LIST_KINDS:
        return dict(shape)
    return {"oneOf": [shape, {"type": "null"}]}


# -----------------------------------------------------------------------------
# CSV: the same records, flattened
# -----------------------------------------------------------------------------


def field_columns(declared: fields.Field) -> list[str]:
    """A field's CSV columns: a text's per language, a list's keys and labels per language."""
    name, kind = declared.name, declared.kind
    if kind in (fields.LOCALIZED, fields.MARKDOWN):
        return [f"{name}_{lang}" for lang in LANGUAGES]
    if kind in (fields.TERMS, fields.TERM, fields.PARTNERS):
        codes = [f"{name}_scb_code"] if declared.vocabulary == "municipalities" else []
        return [name, *(f"{name}_{lang}" for lang in LANGUAGES), *codes]
    if kind == fields.IMAGE:
        return [f"{name}_url", *(f"{name}_alt_{lang}" for lang in LANGUAGES)]
    if kind == fields.SOURCES:
        return [f"{name.removesuffix('s')}_urls"]
    if kind == fields.ORGANISATION:
        return [f"{name}_name", f"{name}_type", *(f"{name}_type_{lang}" for lang in LANGUAGES)]
    return [name]


CSV_COLUMNS = (
    "slug",
    *(f"url_{lang}" for lang in LANGUAGES),
    *(column for declared in INITIATIVE.exported() for column in field_columns(declared)),
)


def _labelled(items: list[dict], key: str, label: str) -> list:
    """A list's keys, then its labels per language: an untranslated name stays Swedish."""
    return [
        _join(item[key] for item in items),
        *(_join(item[label][lang] or item[label]["sv"] for item in items) for lang in LANGUAGES),
    ]


def field_cells(declared: fields.Field, value) -> list:
    """A field's value in a record as its CSV cells, in ``field_columns``' order."""
    kind = declared.kind
    if kind in (fields.LOCALIZED, fields.MARKDOWN):
        return [(value or {}).get(lang) for lang in LANGUAGES]
    if kind in (fields.TERMS, fields.TERM):
        items = value if kind == fields.TERMS else [value] if value else []
        cells = _labelled(items, "key", "label")
        if declared.vocabulary == "municipalities":
            # Positional: the n-th code belongs to the n-th municipality (empty for hela-skane).
            cells.append(_join(item["scb_code"] or "" for item in items))
        return cells if items or kind == fields.TERMS else [None] * len(cells)
    if kind == fields.PARTNERS:
        return _labelled(value, "slug", "name")
    if kind == fields.IMAGE:
        image = value or {}
        return [image.get("url"), *((image.get("alt") or {}).get(lang) for lang in LANGUAGES)]
    if kind == fields.SOURCES:
        return [_join(source["url"] for source in value)]
    if kind == fields.ORGANISATION:
        organisation = value or {}
        kind_of = organisation.get("type")
        labels = [kind_of["label"][lang] if kind_of else None for lang in LANGUAGES]
        return [organisation.get("name"), kind_of["key"] if kind_of else None, *labels]
    return [value]


def csv_row(record: dict) -> dict[str, str]:
    """One JSON record as one CSV row: nested fields by suffix, lists joined."""
    row = [record["slug"], *(record["url"][lang] for lang in LANGUAGES)]
    for declared in INITIATIVE.exported():
        row.extend(field_cells(declared, record[declared.name]))
    cells = ("" if cell is None else str(cell) for cell in row)
    return {column: spreadsheet_cell(cell) for column, cell in zip(CSV_COLUMNS, cells, strict=True)}


# What makes a spreadsheet read a cell as a formula (OWASP, "CSV Injection"): these
# first, also after leading spaces, tabs or line breaks, which spreadsheets skip.
FORMULA_STARTS = ("=", "+", "-", "@")
# Characters in one cell: Excel's limit, and well within what Python's csv reader
# accepts by default (131,072). Only a description could be longer; the JSON has it whole.
CELL_LIMIT = 32_767
CUT = "…"


def spreadsheet_cell(text: str) -> str:
    """A cell no spreadsheet runs and every CSV reader takes.

    A text that would start a formula (=HYPERLINK(…), =IMPORTXML(…), +, -, @, or a
    leading tab or carriage return) gets a leading apostrophe, the OWASP rule, which
    spreadsheets show as text (the open-data pages say so). Characters no format may
    carry (site_content.characters; NUL stops Python's csv reader) are removed, and a
    text longer than ``CELL_LIMIT`` is cut with '…'.
    """
    text = without_forbidden(text)
    formula = text[:1] in ("\t", "\r") or text.lstrip().startswith(FORMULA_STARTS)
    prefix = "'" if formula else ""
    if len(prefix) + len(text) > CELL_LIMIT:
        text = text[: CELL_LIMIT - len(prefix) - len(CUT)] + CUT
    return prefix + text


def encode_record(record: dict) -> EncodedRecord:
    """A record as JSON text and as one line of RFC 4180 CSV (comma, CRLF, quotes
    where needed). The CSV file is UTF-8 with a byte order mark: the mark is what
    makes Excel read it as UTF-8 (without it, Excel takes the Windows code page
    and garbles å, ä, ö); LibreOffice and Python's ``utf-8-sig`` read it as UTF-8
    and drop it."""
    line = io.StringIO()
    row = csv_row(record)
    csv.writer(line, lineterminator="\r\n").writerow([row[column] for column in CSV_COLUMNS])
    return _to_json(record), line.getvalue()


def _join(values) -> str:
    return LIST_SEPARATOR.join(values)
