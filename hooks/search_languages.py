"""One search index per language, each with its own stemmer.

Material writes one index for the whole site. Swedish pages must find Swedish
text with Swedish stemming, English pages English text: split the index into
``search/search_index.json`` and ``en/search/search_index.json``, matching the
per-language search base that ``languages`` gives every page.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from site_content import routes
from site_content.routes import LANGUAGES, language_of


def split_index(
    config: MkDocsConfig,
    index: dict | None = None,
    encoded: Callable[[dict, Callable[[dict], str]], str] | None = None,
) -> None:
    """After the search plugin has written its index: one per language.

    ``index``: the whole index, when the preview has it at hand already;
    ``encoded(doc, encode)``: an entry as JSON text, ``encode(doc)`` unless
    given (the preview remembers the text of the pages it reuses)."""
    index_path = Path(config.site_dir) / "search" / "search_index.json"
    if index is None:
        if not index_path.exists():
            return
        index = json.loads(index_path.read_text(encoding="utf-8"))
    for lang in LANGUAGES:
        prefix = routes.home(lang)

        def encode(doc: dict, prefix: str = prefix) -> str:
            return _to_json({**doc, "location": doc["location"][len(prefix) :]})

        docs = [
            (encoded or (lambda doc, make: make(doc)))(doc, encode)
            for doc in index["docs"]
            if language_of(doc["location"]) == lang
        ]
        head = {key: value for key, value in index.items() if key != "docs"}
        head["config"] = {**index["config"], "lang": [lang]}
        # As json.dumps writes the index with its entries last: "{…,"docs":[…]}".
        text = _to_json(head)[:-1] + ',"docs":[' + ",".join(docs) + "]}"
        target = Path(config.site_dir) / prefix / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


def _to_json(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
