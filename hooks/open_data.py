"""Publish the catalogue as open data: ``data/initiatives.json``, ``.csv`` and its schema.

The records are shaped in ``site_content.export`` (plain Python); this hook only
adds them to the build as generated files, so ``mkdocs serve`` has them too.
"""

from __future__ import annotations

import json
from urllib.parse import urljoin

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

from site_content import export
from site_content.clock import build_time
from site_state import state


@event_priority(45)  # after content_pages has loaded the content
def on_files(files: Files, config: MkDocsConfig) -> Files:
    def absolute(path: str) -> str:
        return urljoin(config.site_url or "", path)

    document = export.export_document(state.content, absolute, build_time())
    schema = export.load_schema(absolute)
    for path, text in (
        (export.JSON_PATH, export.export_json(document)),
        (export.CSV_PATH, export.export_csv(document)),
        (export.SCHEMA_PATH, json.dumps(schema, ensure_ascii=False, indent=1) + "\n"),
    ):
        files.append(File.generated(config, path, content=text))
    return files
