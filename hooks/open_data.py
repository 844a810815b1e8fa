"""Publish the catalogue as open data: ``data/initiatives.json``, ``.csv`` and its schema.

The records are shaped in ``site_content.export`` (plain Python); this hook only
adds them to the build as generated files, so ``mkdocs serve`` has them too.
"""

from __future__ import annotations

import functools
import json
from urllib.parse import urljoin

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from site_build import SiteBuild
from site_content import export
from site_content.clock import build_time


def add_files(build: SiteBuild, files: Files, config: MkDocsConfig) -> None:
    @functools.cache  # one call per build: the same term addresses recur in every record
    def absolute(path: str) -> str:
        return urljoin(config.site_url or "", path)

    encoded = build.preview.export_records(build, config) if build.preview else None
    document, table = export.export_texts(build.content, absolute, build_time(), encoded)
    schema = export.load_schema(absolute)
    for path, text in (
        (export.JSON_PATH, document),
        (export.CSV_PATH, table),
        (export.SCHEMA_PATH, json.dumps(schema, ensure_ascii=False, indent=1) + "\n"),
    ):
        files.append(File.generated(config, path, content=text))
