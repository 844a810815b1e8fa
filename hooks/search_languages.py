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


def split_index(
    config: MkDocsConfig, head: dict | None = None, docs_text: dict[str, str] | None = None
) -> None:
    """After the search plugin has written its index: one per language.

    ``head`` and ``docs_text``: the index without its entries, and each language's
    entries as JSON text (``entry_text``, comma-separated), when the preview has
    them at hand already."""
    if docs_text is None:
        index_path = Path(config.site_dir) / "search" / "search_index.json"
        if not index_path.exists():
            return
        index = json.loads(index_path.read_text(encoding="utf-8"))
        head = {key: value for key, value in index.items() if key != "docs"}
        docs_text = {
            lang: ",".join(entry_text(doc) for doc in index["docs"] if language_of(doc["location"]) == lang)
            for lang in LANGUAGES
        }
    for lang in LANGUAGES:
        split = {**head, "config": {**head["config"], "lang": [lang]}}
        # As json.dumps writes the index with its entries last: "{…,"docs":[…]}".
        text = _to_json(split)[:-1] + ',"docs":[' + docs_text[lang] + "]}"
        target = Path(config.site_dir) / routes.home(lang) / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


def entry_text(doc: dict) -> str:
    """A search entry as JSON in its language's index: its address relative to that index."""
    prefix = routes.home(language_of(doc["location"]))
    return _to_json({**doc, "location": doc["location"][len(prefix) :]})


def _to_json(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
