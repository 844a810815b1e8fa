"""Nothing from other hosts, not even in Material's script.

Material's bundle loads two scripts from unpkg.com when it needs them: a
polyfill of ResizeObserver in browsers too old to have one, and Mermaid on
pages with diagrams (we have none). The site loads nothing from third parties,
as the privacy statement says, so after the build those addresses are made
empty in the bundle and its source map: a browser treats an empty address as a
script that failed to load, and asks no one. tests/test_bilingual_site.py
scans every built file for other hosts.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

THIRD_PARTY_SCRIPT = re.compile(r"https://unpkg\.com/[^\"'`\\\s)]*")


def without_third_party_scripts(text: str) -> str:
    return THIRD_PARTY_SCRIPT.sub("", text)


def on_post_build(config: MkDocsConfig) -> None:
    scripts = Path(config.site_dir) / "assets" / "javascripts"
    for path in sorted(scripts.glob("bundle.*.min.js*")):  # the script and its .map
        text = path.read_text("utf-8")
        cleaned = without_third_party_scripts(text)
        if cleaned != text:
            path.write_text(cleaned, "utf-8")
