"""Our own stylesheets and scripts, minified in the published site.

Material ships its bundles minified; ours (``overrides/assets/``) are written
to be read, with comments that say why. After the build, the copies in the
site are minified with rcssmin and rjsmin, the conservative minifiers of the
Python world (they only drop comments and whitespace that cannot matter).
`mkdocs serve` keeps them as written, for whoever is reading them there.
"""

from __future__ import annotations

from pathlib import Path

import rcssmin
import rjsmin
from mkdocs.config.defaults import MkDocsConfig

MINIFIERS = {".css": rcssmin.cssmin, ".js": rjsmin.jsmin}


def minify(config: MkDocsConfig) -> None:
    """Our stylesheets and scripts in the built site, minified (not in the preview)."""
    overrides = Path(config.theme.custom_dir) / "assets"
    site = Path(config.site_dir) / "assets"
    for source in sorted(overrides.rglob("*")):
        minify = MINIFIERS.get(source.suffix)
        published = site / source.relative_to(overrides)
        if minify is None or not published.is_file():
            continue
        published.write_text(minify(published.read_text("utf-8")).strip() + "\n", "utf-8")
