"""A face of its own (issue 25), in a real browser on the tests' own content.

The page title is the strongest element; the logo reads; the header has no
repository link; the EU bar is designed for the dark scheme too; the
catalogue's first results are on the first screen of a desktop, its counts
follow the other filters, the whole region's initiatives stand under every
municipality and the language switch keeps the filters; search puts
initiatives above partner and background pages.
"""

from __future__ import annotations

import re

import pytest

from conftest import DESKTOP, PHONE
from test_catalogue_browser import act, option_counts, query, ready, visible_titles
from test_look_browser import open_in

# Every kind of page with a title and subheadings.
TITLED = ["initiativ/abborren/", "en/initiatives/abborren/", "bakgrund/", "resultat/", "samverkansparter/"]
TITLED += ["evenemang/", "en/events/", "samverkansparter/coompanion-skane/"]

# The page's title, its first four visible subheadings and the page's ground, read in one
# call per page (as Playwright's :visible: a box, and not hidden).
HEADINGS = """() => {
  const style = e => { const s = getComputedStyle(e);
    return {weight: parseInt(s.fontWeight, 10), size: parseFloat(s.fontSize), color: s.color}; };
  const shown = e => e.checkVisibility({visibilityProperty: true}) && e.getBoundingClientRect().width > 0;
  const title = document.querySelector("article h1");
  const subs = [...document.querySelectorAll("article h2")].filter(shown).slice(0, 4);
  return {background: getComputedStyle(document.body).backgroundColor,
          title: title && style(title), subs: subs.map(style)};
}"""


def luminance(css_colour: str) -> float:
    channels = [int(c) / 255 for c in re.findall(r"\d+", css_colour)[:3]]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_page_title_is_bolder_larger_and_stronger_than_the_subheadings(open_page, server, scheme):
    page = open_page(viewport=DESKTOP, color_scheme=scheme)
    compared = 0
    for url in TITLED:
        page.goto(server + url)
        found = page.evaluate(HEADINGS)
        compared += len(found["subs"])
        title, background = found["title"], found["background"]
        assert title and title["weight"] >= 600, (url, title)
        for sub in found["subs"]:
            assert title["weight"] >= sub["weight"], (url, title, sub)
            assert title["size"] > sub["size"], (url, title, sub)
            # "Darker" on a light ground, lighter on a dark one: more contrast.
            assert contrast(title["color"], background) >= contrast(sub["color"], background), (
                url,
                title,
                sub,
            )
    assert compared >= len(TITLED), "too few subheadings found to compare with"


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_header_has_a_legible_logo_the_language_and_no_repository(open_page, server, viewport):
    page = open_page(viewport=viewport)
    page.goto(server + "initiativ/")
    if viewport is DESKTOP:  # Material shows the logo from tablet width up
        box = page.locator(".md-header .md-logo img").bounding_box()
        assert box["height"] >= 32, box
    switch = page.locator("header a.sis-language__link")
    assert switch.is_visible() and switch.inner_text().strip() == "English"
    assert page.locator("header .sis-language__name").is_visible()
    assert page.locator("header a[href*='github.com'], header .md-source").count() == 0
    assert page.locator(".md-content__button").count() == 0
    # The phone menu lists the site's pages, not its source.
    assert page.locator(".md-sidebar--primary a[href*='github.com']").count() == 0


def test_eu_bar_is_designed_for_the_dark_scheme(open_page, server):
    page = open_in(open_page, server, "", "dark")
    bar = page.locator(".md-banner").evaluate("e => getComputedStyle(e).backgroundColor")
    text = page.locator(".sis-eu__text").evaluate("e => getComputedStyle(e).color")
    assert bar != "rgb(255, 255, 255)" and text == "rgb(255, 255, 255)"  # white text: allowed
    # On a dark ground the emblem keeps a white border (the emblem's rules).
    outline = page.locator(".sis-eu__emblem").evaluate(
        "e => [getComputedStyle(e).outlineStyle, getComputedStyle(e).outlineColor]"
    )
    assert outline == ["solid", "rgb(255, 255, 255)"]


def test_cards_show_the_initiatives_picture(page, server):
    page.goto(server + "initiativ/")
    card = page.locator("#initiative-abborren")
    image = card.locator("img.sis-card__image")
    assert image.get_attribute("loading") == "lazy"
    assert image.get_attribute("width") and image.get_attribute("height")
    assert "w," in (image.get_attribute("srcset") or "")
    # A card without a picture keeps the same top: a band, not an empty frame.
    assert page.locator("#initiative-akerlyckan .sis-card__image--none").count() == 1


# --- The catalogue on the first screen ------------------------------------------


@pytest.mark.parametrize("url", ["initiativ/", "en/initiatives/"])
def test_first_result_card_is_within_the_first_800_px_on_a_desktop(open_page, server, url):
    page = open_page(viewport=DESKTOP)
    page.goto(server + url)
    first = page.locator("#sis-catalogue > .sis-card").first.bounding_box()
    assert first["y"] + 100 <= 800, first  # its title, at least, on the first screen


def test_counts_follow_the_other_filters(page, server):
    page.goto(server + "initiativ/")
    themes = option_counts(page, "themes")
    assert themes["skola"] == 3 and themes["vard-och-omsorg"] == 1
    act(page, lambda: page.select_option("#sis-filter-municipalities", "lund"))
    themes = option_counts(page, "themes")
    # In Lund: Abborren (Lund) and Ängsbacken (all of Skåne) go to school; no one cares for the old.
    assert themes["skola"] == 2 and themes["vard-och-omsorg"] == 0
    # The chosen filter's own counts do not narrow themselves: Höör's own and the region's.
    assert option_counts(page, "municipalities")["hoor"] == 2
    act(page, lambda: page.select_option("#sis-filter-themes", "vard-och-omsorg"))
    places = option_counts(page, "municipalities")
    assert places["lund"] == 0 and places["hoor"] == 1
    # Two filters chosen: each select's counts follow the other one only.
    themes = option_counts(page, "themes")
    assert themes["skola"] == 2 and themes["vard-och-omsorg"] == 0
    # Each count is what choosing the option would show.
    act(page, lambda: page.select_option("#sis-filter-municipalities", "hoor"))
    assert len(visible_titles(page)) == 1


# For each select, each option's count against the cards choosing it shows (the
# fixture's catalogue fits on one page); the select is then set back.
EVERY_COUNT = """
() => {
  const wrong = [];
  const cards = () => document.querySelectorAll("#sis-catalogue > .sis-card").length;
  for (const select of document.querySelectorAll("#sis-filters select[data-field]")) {
    const before = select.value;
    const counts = [...select.options].filter((o) => o.value)
      .map((o) => [o.value, Number(/\\((\\d+)\\)$/.exec(o.textContent)[1])]);
    for (const [value, count] of counts) {
      select.value = value;
      select.dispatchEvent(new Event("change", { bubbles: true }));
      if (cards() !== count) wrong.push([select.dataset.field, value, count, cards()]);
    }
    select.value = before;
    select.dispatchEvent(new Event("change", { bubbles: true }));
  }
  return wrong;
}
"""


def test_every_count_is_what_choosing_its_option_shows(page, server):
    page.goto(server + "initiativ/")
    # Nothing chosen (once the data is in), then a theme, then a partner too.
    for field, value in (
        ("themes", "skola"),
        ("themes", ""),
        ("themes", "skola"),
        ("partners", "coompanion-skane"),
    ):
        act(page, lambda field=field, value=value: page.select_option(f"#sis-filter-{field}", value))
        if (field, value) == ("themes", ""):
            assert option_counts(page, "stage")["etablerad"] == 2  # Östra bryggan and Zebrastigen
        assert page.evaluate(EVERY_COUNT) == []


def test_the_whole_region_is_under_every_municipality(page, server):
    page.goto(server + "initiativ/")
    act(page, lambda: page.select_option("#sis-filter-municipalities", "lund"))
    assert sorted(visible_titles(page)) == ["Abborren", "Ängsbacken"]
    assert option_counts(page, "municipalities")["lund"] == 2
    # The card says so: its place is the whole region.
    region = page.locator("#initiative-angsbacken .sis-tag--region")
    assert region.inner_text() == "Hela Skåne"
    # And the municipality's own page.
    page.goto(server + "initiativ/kommun/lund/")
    assert page.locator("#initiative-angsbacken").count() == 1
    assert "Hela Skåne" in page.locator(".sis-region-note").inner_text()


@pytest.mark.parametrize(
    ("start", "choose", "expected_url", "expected"),
    [
        (
            "initiativ/",
            {"themes": "skola", "municipalities": "lund"},
            "en/initiatives/",
            {"theme": "school", "municipality": "lund"},
        ),
        (
            "en/initiatives/",
            {"themes": "school", "stage": "etablerad"},
            "initiativ/",
            {"tema": "skola", "fas": "etablerad"},
        ),
    ],
)
def test_language_switch_keeps_the_filters(page, server, start, choose, expected_url, expected):
    page.goto(server + start)
    for field, value in choose.items():
        act(page, lambda field=field, value=value: page.select_option(f"#sis-filter-{field}", value))
    page.fill("#sis-filter-text", "a")
    page.locator("header a.sis-language__link").click()
    page.wait_for_url(re.compile(re.escape(server + expected_url) + r"\?"))
    ready(page)
    text_param = "q" if expected_url.startswith("en/") else "sok"
    assert query(page) == {**expected, text_param: "a"}
    fields = {"theme": "themes", "tema": "themes", "municipality": "municipalities", "fas": "stage"}
    for param, value in expected.items():
        assert page.input_value(f"#sis-filter-{fields[param]}") == value


# --- Search ------------------------------------------------------------------------


def test_search_ranks_initiatives_above_partner_and_background_pages(page, server):
    """ "Abborren" is named on its own page and on its partners' pages."""
    page.goto(server)
    page.click(".md-search__input")
    page.keyboard.type("abborren", delay=20)
    page.wait_for_selector(".md-search-result__item")
    links = page.locator(".md-search-result__item > .md-search-result__link").evaluate_all(
        "links => links.map((a) => new URL(a.href).pathname)"
    )
    assert links[0].endswith("/initiativ/abborren/"), links
    assert any("samverkansparter/" in link for link in links[1:]), links
