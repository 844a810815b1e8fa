"""The map of Skåne: municipality outlines shaded by their number of initiatives.

The outlines are drawn once by ``tools/make_map.py`` from Statistics Sweden's
boundaries into ``content/geo/skane-kommuner.json`` (SVG path data per SCB
code); here they are only read and paired with the catalogue's counts.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

from .collation import sort_key
from .model import Content, Term

# Shades of the legend besides "none": at most this many count classes.
SHADES = 4
# Which of the four shades n classes use: spread out, so few classes still contrast.
_SHADE_STEPS = {1: [3], 2: [2, 4], 3: [2, 3, 4], 4: [1, 2, 3, 4]}


# -----------------------------------------------------------------------------
# Geometry
# -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Outline:
    """One municipality's shape: SVG path data and a point inside it for a label."""

    code: str
    name: str
    d: str
    label: tuple[int, int]


@dataclass(frozen=True)
class Geometry:
    width: int
    height: int
    source: str
    outlines: dict[str, Outline]


def load_geometry(path: Path) -> Geometry:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    outlines = {
        code: Outline(code, shape["name"], shape["d"], tuple(shape["label"]))
        for code, shape in data["municipalities"].items()
    }
    return Geometry(data["width"], data["height"], data["source"], outlines)


# -----------------------------------------------------------------------------
# Counts and shades
# -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Shade:
    """One entry of the legend: counts from ``low`` to ``high``, drawn in ``level``."""

    level: int
    low: int
    high: int


@dataclass(frozen=True)
class Region:
    term: Term
    outline: Outline
    count: int
    shade: Shade


@dataclass(frozen=True)
class SkaneMap:
    width: int
    height: int
    source: str
    regions: list[Region]
    legend: list[Shade]
    # Terms for work across the region (hela-skane): beside the map, not on it.
    region_wide: list[tuple[Term, int]]
    counts: dict[str, int]

    def count(self, term: Term) -> int:
        return self.counts.get(term.key, 0)

    def on_map(self, terms: list[Term], used: bool) -> list[Term]:
        """The municipalities among ``terms`` (in their order) with or without initiatives."""
        return [term for term in terms if term.scb_code and bool(self.count(term)) == used]


def shades(highest: int) -> list[Shade]:
    """Legend classes for counts up to ``highest``: 0, then up to four classes
    whose bounds grow geometrically, so that one busy city does not leave every
    other municipality in the lightest shade."""
    legend = [Shade(0, 0, 0)]
    if highest < 1:
        return legend
    lows = sorted({1, *(math.ceil(highest ** (k / SHADES)) for k in range(1, SHADES))})
    lows = [low for low in lows if low <= highest]
    highs = [low - 1 for low in lows[1:]] + [highest]
    steps = _SHADE_STEPS[len(lows)]
    return legend + [Shade(step, low, high) for step, low, high in zip(steps, lows, highs, strict=True)]


def skane_map(content: Content, geometry: Geometry) -> SkaneMap:
    """Every municipality with an SCB code on the map; the others beside it."""
    terms = content.vocabularies["municipalities"].terms.values()
    counts = {term.key: len(content.initiatives_with(term)) for term in terms}
    mapped = [term for term in terms if term.scb_code]
    missing = sorted(term.scb_code for term in mapped if term.scb_code not in geometry.outlines)
    if missing:
        raise ValueError(f"content/geo: no outline for SCB codes {missing}")
    legend = shades(max((counts[term.key] for term in mapped), default=0))
    regions = [
        Region(term, geometry.outlines[term.scb_code], counts[term.key], _shade_of(counts[term.key], legend))
        # Alphabetical, as the table beside it: the order in which keyboards and screen readers meet them.
        for term in sorted(mapped, key=lambda term: sort_key(term.label.sv, "sv"))
    ]
    region_wide = [(term, counts[term.key]) for term in terms if not term.scb_code]
    return SkaneMap(geometry.width, geometry.height, geometry.source, regions, legend, region_wide, counts)


def _shade_of(count: int, legend: list[Shade]) -> Shade:
    return next(shade for shade in legend if shade.low <= count <= shade.high)
