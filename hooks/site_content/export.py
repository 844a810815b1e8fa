"""The catalogue as open data: one JSON document and the same rows as CSV.

The JSON export carries every field of every initiative in both languages,
with its page URLs and the labels of its terms resolved; the CSV flattens the
same records, one row per initiative. ``schemas/open-data.schema.json`` (beside
the content files' schemas) is the JSON Schema of the export, published with it
as ``data/initiatives.schema.json``.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
from collections.abc import Callable
from pathlib import Path

from . import routes
from .characters import without_forbidden
from .model import Content, Initiative, Localized, Partner, Term
from .routes import LANGUAGES

SCHEMA_VERSION = "2.0.0"
# The one copy of the export schema, with the content schemas in schemas/.
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
    i = initiative
    return {
        "slug": i.slug,
        "url": {lang: absolute(routes.initiative(lang, i.slug)) for lang in LANGUAGES},
        "name": localized(i.name),
        "summary": localized(i.summary),
        "description": localized(i.description) if i.description else None,
        "themes": [term(theme) for theme in i.themes],
        "municipalities": [term(municipality) for municipality in i.municipalities],
        "partners": [partner_record(partner, absolute) for partner in i.partners],
        "organisation": {
            "name": i.organisation_name,
            "type": term_record(i.organisation_type) if i.organisation_type else None,
        }
        if i.organisation_name
        else None,
        "stage": term_record(i.stage) if i.stage else None,
        "started": i.started,
        "website": i.website,
        "contact": i.contact,
        "image": {"url": absolute(i.image.url), "alt": localized(i.image.alt)} if i.image else None,
        "sources": [{"url": source.url, "title": source.title} for source in i.sources],
        "added": i.added.isoformat(),
        "updated": i.updated.isoformat() if i.updated else None,
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


def load_schema(absolute: Absolute) -> dict:
    """The JSON Schema of the export, with its published address as ``$id``."""
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    return {"$schema": schema.pop("$schema"), "$id": absolute(SCHEMA_PATH), **schema}


# -----------------------------------------------------------------------------
# CSV: the same records, flattened
# -----------------------------------------------------------------------------

CSV_COLUMNS = (
    "slug",
    "url_sv",
    "url_en",
    "name_sv",
    "name_en",
    "summary_sv",
    "summary_en",
    "description_sv",
    "description_en",
    "themes",
    "themes_sv",
    "themes_en",
    "municipalities",
    "municipalities_sv",
    "municipalities_en",
    "municipalities_scb_code",
    "partners",
    "partners_sv",
    "partners_en",
    "organisation_name",
    "organisation_type",
    "organisation_type_sv",
    "organisation_type_en",
    "stage",
    "stage_sv",
    "stage_en",
    "started",
    "website",
    "contact",
    "image_url",
    "image_alt_sv",
    "image_alt_en",
    "source_urls",
    "added",
    "updated",
)


def csv_row(record: dict) -> dict[str, str]:
    """One JSON record as one CSV row: nested fields by suffix, lists joined."""
    row = {"slug": record["slug"]}
    for lang in LANGUAGES:
        row[f"url_{lang}"] = record["url"][lang]
    for field in ("name", "summary", "description"):
        for lang in LANGUAGES:
            row[f"{field}_{lang}"] = (record[field] or {}).get(lang)
    for field, key, label in (
        ("themes", "key", "label"),
        ("municipalities", "key", "label"),
        ("partners", "slug", "name"),
    ):
        items = record[field]
        row[field] = _join(item[key] for item in items)
        for lang in LANGUAGES:
            # A list keeps one entry per item: an untranslated name stays Swedish.
            row[f"{field}_{lang}"] = _join(item[label][lang] or item[label]["sv"] for item in items)
    # Positional: the n-th code belongs to the n-th municipality (empty for hela-skane).
    row["municipalities_scb_code"] = _join(item["scb_code"] or "" for item in record["municipalities"])
    organisation = record["organisation"] or {}
    row["organisation_name"] = organisation.get("name")
    for field, term in (("organisation_type", organisation.get("type")), ("stage", record["stage"])):
        row[field] = term["key"] if term else None
        for lang in LANGUAGES:
            row[f"{field}_{lang}"] = term["label"][lang] if term else None
    row["started"] = record["started"]
    row["website"] = record["website"]
    row["contact"] = record["contact"]
    image = record["image"] or {}
    row["image_url"] = image.get("url")
    for lang in LANGUAGES:
        row[f"image_alt_{lang}"] = (image.get("alt") or {}).get(lang)
    row["source_urls"] = _join(source["url"] for source in record["sources"])
    row["added"] = record["added"]
    row["updated"] = record["updated"]
    cells = {column: "" if row[column] is None else str(row[column]) for column in CSV_COLUMNS}
    return {column: spreadsheet_cell(cell) for column, cell in cells.items()}


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
