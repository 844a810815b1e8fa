"""The map of Skåne on the catalogue pages.

Reads the outlines drawn once by ``tools/make_map.py`` and pairs them with this
build's counts; ``overrides/sis/map.html`` draws the map as inline SVG.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

from site_content.skane_map import load_geometry, skane_map
from site_state import state

GEOMETRY = "content/geo/skane-kommuner.json"


@event_priority(45)  # after content_pages has loaded the content and made the view environment
def on_files(files: Files, config: MkDocsConfig) -> Files:
    try:
        geometry = load_geometry(state.root / GEOMETRY)
        state.env.globals["skane_map"] = skane_map(state.content, geometry)
    except (OSError, ValueError, KeyError) as error:
        raise PluginError(f"{GEOMETRY}: {error} (run tools/make_map.py)") from None
    return files
