"""Nothing from other hosts, not even in Material's script.

Material's bundle loads two scripts from unpkg.com when it needs them: a
polyfill of ResizeObserver in browsers too old to have one, and Mermaid on
pages with diagrams (we have none). The site loads nothing from third parties,
as the privacy statement says, so after the build those addresses are made
empty in the bundle: a browser treats an empty address as a script that
failed to load, and asks no one. tests/test_bilingual_site.py scans every
built file for other hosts.

The rewritten bundle no longer matches Material's source map, so the map is
not published and the bundle's ``//# sourceMappingURL=`` comment is dropped:
a stale map would point developer tools (and Lighthouse) at the wrong code.
The search worker is not rewritten; its map still matches and stays.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

THIRD_PARTY_SCRIPT = re.compile(r"https://unpkg\.com/[^\"'`\\\s)]*")
SOURCE_MAP_COMMENT = re.compile(r"\n?//# sourceMappingURL=\S*\s*$")


def without_third_party_scripts(text: str) -> str:
    return THIRD_PARTY_SCRIPT.sub("", text)


def clean_bundle(config: MkDocsConfig) -> None:
    scripts = Path(config.site_dir) / "assets" / "javascripts"
    for path in sorted(scripts.glob("bundle.*.min.js")):
        text = path.read_text("utf-8")
        cleaned = without_third_party_scripts(text)
        if cleaned != text:
            text = SOURCE_MAP_COMMENT.sub("\n", cleaned)
            path.write_text(text, "utf-8")
        if not SOURCE_MAP_COMMENT.search(text):
            # Ours, cleaned now or by an earlier build of the preview (which
            # copies only files that changed, the map among them).
            path.with_name(path.name + ".map").unlink(missing_ok=True)
