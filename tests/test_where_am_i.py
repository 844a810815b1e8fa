"""Where am I: the current section in the tabs, the breadcrumb, the page's width, the header.

On the showcase (fixture initiatives, the real partners' pages): every page below
a section marks that section's tab, and detail pages (initiative, partner, theme,
municipality) show a breadcrumb whose JSON-LD says the same, without an empty left
column. In the browser: the content takes the width, the site's name is whole on a phone.
"""

from __future__ import annotations

import json
import re
from posixpath import normpath

import pytest

from conftest import DESKTOP, PHONE

CATALOGUE = {"sv": "initiativ/", "en": "en/initiatives/"}
PARTNERS = {"sv": "samverkansparter/", "en": "en/partners/"}
# Detail pages: (URL, language, the section's page). Names are read from the
# pages' headings: partners and vocabularies are real content.
DETAIL_PAGES = [
    ("initiativ/abborren/", "sv", CATALOGUE["sv"]),
    ("en/initiatives/abborren/", "en", CATALOGUE["en"]),
    ("en/initiatives/akerlyckan/", "en", CATALOGUE["en"]),  # a fallback
    ("initiativ/tema/skola/", "sv", CATALOGUE["sv"]),
    ("en/initiatives/theme/school/", "en", CATALOGUE["en"]),
    ("initiativ/kommun/malmo/", "sv", CATALOGUE["sv"]),
    ("en/initiatives/municipality/malmo/", "en", CATALOGUE["en"]),
    ("samverkansparter/coompanion-skane/", "sv", PARTNERS["sv"]),
    ("en/partners/coompanion-skane/", "en", PARTNERS["en"]),
]
HOME = {"sv": ("", "Start"), "en": ("en/", "Home")}


def text_of(element) -> str:
    return re.sub(r"\s+", " ", element.text_content()).strip()


def resolve(base: str, href: str) -> str:
    """A relative link on the page at ``base``, as a site-relative URL."""
    joined = normpath("/" + base + href)
    return (joined.strip("/") + "/") if joined != "/" else ""


def current_tabs(site, url: str) -> list[tuple[str, str, bool]]:
    """(target URL, aria-current, looks active) of each tab that is marked in any way."""
    marked = []
    for item in site.page(url).cssselect("nav.md-tabs li.md-tabs__item"):
        link = item.cssselect("a.md-tabs__link")[0]
        active = "md-tabs__item--active" in item.get("class").split()
        if active or link.get("aria-current"):
            marked.append((resolve(url, link.get("href")), link.get("aria-current"), active))
    return marked


def json_ld(page) -> dict:
    [script] = page.xpath("//head/script[@type='application/ld+json']")
    return json.loads(script.text)


# --- Tabs ---------------------------------------------------------------------


@pytest.mark.parametrize(("url", "lang", "section"), DETAIL_PAGES)
def test_a_detail_page_marks_its_section_tab(showcase_site, url, lang, section):
    assert current_tabs(showcase_site, url) == [(section, "true", True)]


@pytest.mark.parametrize(
    "url", ["", "en/", "bakgrund/", "en/background/", *CATALOGUE.values(), *PARTNERS.values()]
)
def test_a_page_in_the_navigation_marks_its_own_tab(showcase_site, url):
    assert current_tabs(showcase_site, url) == [(url, "page", True)]


def test_a_page_outside_the_navigation_marks_no_tab(showcase_site):
    for url in ("oppna-data/", "en/accessibility/", "bara-pa-svenska/"):
        assert current_tabs(showcase_site, url) == [], url


# --- Breadcrumb -----------------------------------------------------------------


@pytest.mark.parametrize(("url", "lang", "section"), DETAIL_PAGES)
def test_a_detail_page_has_a_breadcrumb_that_its_json_ld_repeats(showcase_site, url, lang, section):
    page = showcase_site.page(url)
    [nav] = page.xpath("//article//nav[@aria-label][ol]")
    assert nav.get("aria-label") == {"sv": "Du är här", "en": "You are here"}[lang]
    items = nav.xpath("./ol/li")
    # The section is named as its tab names it.
    [section_title] = [text_of(a) for a in page.cssselect("a.md-tabs__link[aria-current]")]
    name = text_of(page.cssselect("article h1")[0])
    assert [text_of(item) for item in items] == [HOME[lang][1], section_title, name]
    links = [resolve(url, item.xpath("./a/@href")[0]) for item in items[:-1]]
    assert links == [HOME[lang][0], section]
    # The last item is this page, marked as such and no link.
    assert items[-1].xpath(".//*[@aria-current='page']") and not items[-1].xpath(".//a")
    assert len(page.xpath("//*[@aria-current='page']")) == 1
    # The JSON-LD trail: the same names, each with its absolute address.
    trail = json_ld(page)["@graph"][0]["breadcrumb"]["itemListElement"]
    assert [(item["position"], item["name"], item["item"]) for item in trail] == [
        (n, text_of(item), showcase_site.absolute(target))
        for n, (item, target) in enumerate(zip(items, [*links, url], strict=True), start=1)
    ]


def test_top_level_pages_have_no_breadcrumb(showcase_site):
    for url in ("", "en/", "bakgrund/", *CATALOGUE.values(), *PARTNERS.values(), "en/bara-pa-svenska/"):
        assert not showcase_site.page(url).cssselect("nav.sis-breadcrumb"), url


# --- Width -----------------------------------------------------------------------


@pytest.mark.parametrize(("url", "lang", "section"), DETAIL_PAGES)
def test_a_detail_page_hides_the_empty_left_column(showcase_site, url, lang, section):
    [sidebar] = showcase_site.page(url).cssselect("div.md-sidebar--primary")
    assert sidebar.get("hidden") is not None


def test_no_page_keeps_a_left_column_of_one_entry(showcase_site):
    """Issue 25: a sidebar that would hold one link (every top-level page here: the
    navigation has no sub-sections) is hidden; the phone menu still lists every page."""
    for url in ("bakgrund/", "en/background/"):
        [sidebar] = showcase_site.page(url).cssselect("div.md-sidebar--primary")
        assert sidebar.get("hidden") is not None, url


# --- Header logo -----------------------------------------------------------------


def test_header_logo_has_a_size_and_an_empty_alt_beside_the_named_link(showcase_site):
    for url in ("", "en/initiatives/abborren/"):
        page = showcase_site.page(url)
        for image in page.cssselect("a.md-logo img"):
            assert image.get("alt") == "" and image.get("width") and image.get("height"), url
            assert image.getparent().get("aria-label") == "Social Innovation Skåne"


# --- In the browser -----------------------------------------------------------------

CONTENT_WIDTH = """() => document.querySelector('.md-content').getBoundingClientRect().width"""
SITE_NAME = """() => {
  const name = document.querySelector('.md-header__topic:first-child .md-ellipsis');
  const header = document.querySelector('.md-header').getBoundingClientRect();
  const box = name.getBoundingClientRect();
  return {text: name.textContent.trim(), scroll: name.scrollWidth, client: name.clientWidth,
          top: box.top - header.top, bottom: box.bottom - header.top, header: header.height};
}"""


@pytest.mark.parametrize(
    "url", ["initiativ/abborren/", "en/partners/coompanion-skane/", "initiativ/kommun/malmo/"]
)
def test_a_detail_page_uses_the_width_on_a_desktop(open_page, server, url):
    page = open_page(viewport=DESKTOP)
    page.goto(server + url)
    # Beside only the table of contents: the left column (about 240 px) is the content's.
    assert page.evaluate(CONTENT_WIDTH) > 900


@pytest.mark.parametrize("url", ["", "en/", "initiativ/abborren/", "en/initiatives/theme/school/"])
def test_the_site_name_is_whole_on_a_phone(open_page, server, url):
    page = open_page(viewport=PHONE)
    page.goto(server + url)
    name = page.evaluate(SITE_NAME)
    assert name["text"] == "Social Innovation Skåne"
    assert name["scroll"] <= name["client"], name  # not cut to "Social Innov…"
    assert name["top"] >= 0 and name["bottom"] <= name["header"], name  # inside the header
