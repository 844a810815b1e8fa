"""Publish the catalogue as open data: ``data/initiatives.json``, ``.csv`` and its schema.

The records are shaped in ``site_content.export`` (plain Python); this hook only
adds them to the build as generated files, so ``mkdocs serve`` has them too, and
gives the open-data pages' view (``view: open-data``) the table of the fields.
"""

from __future__ import annotations

import functools
import json
import re
from urllib.parse import urljoin

from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

import page_inputs
from site_build import SiteBuild
from site_content import export
from site_content.clock import build_time
from site_content.fields import INITIATIVE

# The view of the open-data pages (its template puts the table where the page has its mark).
VIEW = "open-data"
# `code` in a field's description (i18n/): shown as code.
_CODE = re.compile(r"`([^`]+)`")


def add_files(build: SiteBuild, files: Files, config: MkDocsConfig) -> None:
    @functools.cache  # one call per build: the same term addresses recur in every record
    def absolute(path: str) -> str:
        return urljoin(config.site_url or "", path)

    encoded = build.preview.export_records(build, config) if build.preview else None
    document, table = export.export_texts(build.content, absolute, build_time(), encoded)
    schema = export.load_schema(absolute, build.strings["en"])
    for path, text in (
        (export.JSON_PATH, document),
        (export.CSV_PATH, table),
        (export.SCHEMA_PATH, json.dumps(schema, ensure_ascii=False, indent=1) + "\n"),
    ):
        files.append(File.generated(config, path, content=text))


# -----------------------------------------------------------------------------
# The pages' table of fields (overrides/sis/views/open-data.html)
# -----------------------------------------------------------------------------


def fields_table() -> list[tuple[str, list[str]]]:
    """Each field of a record with its CSV columns, in the export's order."""
    urls = [column for column in export.CSV_COLUMNS if column.startswith("url_")]
    rows = [("slug", ["slug"]), ("url", urls)]
    return rows + [(each.name, export.field_columns(each)) for each in INITIATIVE.exported()]


def code_spans(text: str) -> Markup:
    """A string's `code` as <code>, everything else escaped."""
    return Markup(_CODE.sub(lambda match: f"<code>{match[1]}</code>", str(escape(text))))


def register(env) -> None:
    env.globals["open_data_fields"] = fields_table
    env.filters["code_spans"] = code_spans


@page_inputs.declare("view", VIEW)
def shown(content, lang: str, digests) -> list:
    """The table shows no content: only the declaration and the strings, site-wide inputs."""
    return []
