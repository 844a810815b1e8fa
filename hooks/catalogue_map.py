"""The map of Skåne on the catalogue pages.

Reads the outlines drawn once by ``tools/make_map.py`` and pairs them with this
build's counts; ``overrides/sis/map.html`` draws the map as inline SVG.
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError

from site_build import SiteBuild
from site_content.skane_map import load_geometry, skane_map

GEOMETRY = "content/geo/skane-kommuner.json"


def map_of(build: SiteBuild):
    """The map with this build's counts, for the template global ``skane_map``."""
    try:
        return skane_map(build.content, load_geometry(build.root / GEOMETRY))
    except (OSError, ValueError, KeyError) as error:
        raise PluginError(f"{GEOMETRY}: {error} (run tools/make_map.py)") from None
