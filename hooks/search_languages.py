"""One search index per language, each with its own stemmer.

Material writes one index for the whole site. Swedish pages must find Swedish
text with Swedish stemming, English pages English text: split the index into
``search/search_index.json`` and ``en/search/search_index.json``, matching the
per-language search base that ``languages`` gives every page.
"""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from site_content import routes
from site_content.routes import LANGUAGES, language_of


def split_index(config: MkDocsConfig, index: dict | None = None) -> None:
    """After the search plugin has written its index: one per language.

    ``index``: the whole index, when the preview has it at hand already."""
    index_path = Path(config.site_dir) / "search" / "search_index.json"
    if index is None:
        if not index_path.exists():
            return
        index = json.loads(index_path.read_text(encoding="utf-8"))
    for lang in LANGUAGES:
        prefix = routes.home(lang)
        docs = [
            {**doc, "location": doc["location"][len(prefix) :]}
            for doc in index["docs"]
            if language_of(doc["location"]) == lang
        ]
        split = {**index, "config": {**index["config"], "lang": [lang]}, "docs": docs}
        target = Path(config.site_dir) / prefix / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(split, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
