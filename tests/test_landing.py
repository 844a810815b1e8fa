"""The public face: landing pages, icons and sharing card, redirects (built HTML)."""

from __future__ import annotations

import re
import struct
from pathlib import Path
from posixpath import normpath

import pytest
import yaml

from site_content import ContentProblems
from site_content.redirects import load_redirects, normalise_path

ROOT = Path(__file__).resolve().parent.parent
STRINGS = {lang: yaml.safe_load((ROOT / "i18n" / f"{lang}.yml").read_text("utf-8")) for lang in ("sv", "en")}
HOMES = {"sv": "", "en": "en/"}
PARTNER_NAMES = [
    "Centrum för Publikt Entreprenörskap",
    "Coompanion Skåne",
    "Mötesplats Social Innovation",
    "NÄTVERKET – Idéburen sektor Skåne",
]


def text_of(element) -> str:
    return re.sub(r"\s+", " ", element.text_content()).strip()


def resolve(base: str, href: str) -> str:
    joined = normpath("/" + base + href)
    return (joined.strip("/") + "/") if joined != "/" else ""


# --- Landing pages -----------------------------------------------------------


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_landing_page_has_its_sections_in_order(showcase_site, lang):
    url, t = HOMES[lang], STRINGS[lang]
    page = showcase_site.page(url)
    home = page.cssselect("article .sis-home")[0]
    headings = [text_of(h) for h in home.xpath("./section/h2")]
    ways = {"sv": "Hur då?", "en": "How?"}[lang]
    # The showcase has upcoming events and news (tests/fixtures/events/, news/).
    assert headings == [
        ways,
        t["home_newest"],
        t["home_events"],
        t["home_news"],
        t["home_project"],
        t["home_partners"],
        t["home_funding"],
    ]
    # The hero: the name, the page's own title and invitation, two calls to action.
    hero = home.cssselect("section.sis-hero")[0]
    assert text_of(hero.cssselect(".sis-hero__name")[0]) == "Social Innovation Skåne"
    title = {"sv": "Samverkan för sociala innovationer", "en": "Working together for social innovation"}
    assert text_of(hero.cssselect("h1")[0]) == title[lang]
    assert text_of(hero.cssselect(".sis-hero__text p")[0]).startswith("Social Innovation Skåne ")
    actions = hero.cssselect(".sis-hero__actions a.md-button")
    assert [text_of(a) for a in actions] == [t["home_explore"], t["home_suggest"]]
    targets = [resolve(url, a.get("href")) for a in actions]
    assert targets == {"sv": ["initiativ/", "tipsa/"], "en": ["en/initiatives/", "en/suggest/"]}[lang]


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_four_ways_are_cards(showcase_site, lang):
    page = showcase_site.page(HOMES[lang])
    ways = page.xpath("//section[contains(@class, 'sis-home__text')]/h2/following-sibling::ul[1]/li")
    assert len(ways) == 4
    assert all(len(text_of(way)) > 60 for way in ways)


def test_newest_initiatives_are_the_latest_published_newest_first(showcase_site):
    for lang, names in (
        ("sv", ["Östra bryggan", "Ängsbacken", "Åkerlyckan", "Zebrastigen", "Abborren"]),
        ("en", ["The East Jetty", "The Meadow", "Åkerlyckan", "Zebra Crossing", "The Perch"]),
    ):
        section = showcase_site.page(HOMES[lang]).cssselect(".sis-home__newest")[0]
        cards = section.cssselect("ul.sis-cards > li.sis-card")
        assert [text_of(card.cssselect(".sis-card__title")[0]) for card in cards] == names
        # The draft of the fixture catalogue (added last) is not among them.
        assert "hemligt-utkast" not in " ".join(card.get("data-slug") for card in cards)


def test_newest_initiatives_are_hidden_when_none_are_published(empty_site):
    for lang, url in HOMES.items():
        page = empty_site.page(url)
        assert not page.cssselect(".sis-home__newest"), lang
        assert STRINGS[lang]["home_newest"] not in text_of(page.cssselect("article")[0])
        # The rest of the page stands.
        assert len(page.cssselect(".sis-home__partners .sis-card")) == 4


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_partners_and_funding_on_the_landing_page(showcase_site, lang):
    url = HOMES[lang]
    page = showcase_site.page(url)
    cards = page.cssselect(".sis-home__partners ul.sis-cards > li.sis-card--partner")
    assert [text_of(card.cssselect(".sis-card__title")[0]) for card in cards] == PARTNER_NAMES
    for card in cards:
        href = resolve(url, card.cssselect(".sis-card__title a")[0].get("href"))
        assert href.startswith({"sv": "samverkansparter/", "en": "en/partners/"}[lang])
        # A logo where there is one, else the name alone: never a broken image.
        assert all(img.get("src") and img.get("alt") for img in card.cssselect("img"))
    funding = page.cssselect(".sis-funding")[0]
    assert STRINGS[lang]["eu_funded"] in text_of(funding)
    assert funding.cssselect("img")[0].get("src").endswith("assets/images/eu-emblem.svg")
    # The EU bar stays at the top of the landing page, as on every page.
    assert page.cssselect("[data-md-component=announce] .sis-eu")


def test_landing_page_has_no_sidebars_and_navigation_elsewhere(content_site):
    for url in HOMES.values():
        page = content_site.page(url)
        sidebars = page.cssselect(".md-sidebar")
        assert sidebars and all(sidebar.get("hidden") is not None for sidebar in sidebars), url
        # Visitors still find their way: tabs on a desktop, the drawer on a phone.
        assert page.cssselect("nav.md-tabs a.md-tabs__link")
        # The drawer (Material's primary sidebar, hidden on a desktop) still lists every page.
        assert len(page.cssselect(".md-sidebar--primary .md-nav--primary a.md-nav__link[href]")) > 3


def test_landing_template_holds_no_text_of_its_own():
    """Every word on the landing page comes from the page, i18n/ or content/."""
    template = (ROOT / "overrides" / "home.html").read_text("utf-8")
    markup = re.sub(r"\{#.*?#\}|\{%.*?%\}|\{\{.*?\}\}", "", template, flags=re.DOTALL)
    words = re.sub(r"<[^>]+>", " ", markup).split()
    assert words == []


# --- Icons and sharing ---------------------------------------------------------


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">II", data[16:24])


def test_pages_carry_our_icon_and_the_social_card(content_site):
    for url in ("", "en/", "bakgrund/"):
        head = content_site.page(url).cssselect("head")[0]
        icons = {(link.get("rel"), link.get("type")): link.get("href") for link in head.cssselect("link")}
        assert icons[("icon", "image/svg+xml")].endswith("assets/images/sis-icon.svg")
        assert icons[("icon", "image/png")].endswith("assets/images/sis-icon-192.png")
        assert icons[("apple-touch-icon", None)].endswith("assets/images/sis-icon-180.png")
        meta = {m.get("property"): m.get("content") for m in head.cssselect("meta[property]")}
        assert meta["og:image"] == content_site.absolute("assets/images/social-card.png")
        assert meta["og:locale"] == ("en_GB" if url == "en/" else "sv_SE")
    svg = content_site.path("assets/images/sis-icon.svg").read_text("utf-8")
    assert svg.startswith("<svg") and "eu-emblem" not in svg
    for size in (180, 192, 512):
        assert png_size(content_site.path(f"assets/images/sis-icon-{size}.png")) == (size, size)
    assert png_size(content_site.path("assets/images/social-card.png")) == (1200, 630)
    assert content_site.exists("manifest.webmanifest")


# --- Redirects -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "target", "lang"), [("om-oss/", "bakgrund/", "sv"), ("en/om-oss/", "en/background/", "en")]
)
def test_redirect_leads_to_the_page_in_its_language(showcase_site, old, target, lang):
    """The showcase's redirects are tests/fixtures/redirects.yml."""
    assert old in showcase_site.redirect_urls
    page = showcase_site.page(old)
    assert page.get("lang") == lang
    refresh = page.xpath("//meta[@http-equiv='refresh']/@content")[0]
    assert resolve(old, refresh.split("url=", 1)[1]) == target
    assert page.xpath("//link[@rel='canonical']/@href") == [showcase_site.absolute(target)]
    assert page.xpath("//meta[@name='robots']/@content") == ["noindex"]
    link = page.cssselect("body a")[0]
    assert resolve(old, link.get("href")) == target
    title = text_of(showcase_site.page(target).cssselect("article h1")[0])
    assert text_of(link) == title


def test_redirects_stay_out_of_the_sitemap_and_search(content_site):
    sitemap = content_site.path("sitemap.xml").read_text("utf-8")
    search = content_site.path("search/search_index.json").read_text("utf-8")
    for old in content_site.redirect_urls:
        assert content_site.absolute(old) not in sitemap
        assert f'"location":"{old}' not in search


def _load(tmp_path, text, keys=("background", "home"), taken=frozenset()):
    path = tmp_path / "redirects.yml"
    path.write_text(text, "utf-8")
    return load_redirects(
        path, "content/redirects.yml", lambda key, lang: key in keys, list(keys), set(taken)
    )


def test_redirect_file_forms(tmp_path):
    redirects = _load(tmp_path, "/om-oss/: background\ngammal.html: home\n/en/about: background\n")
    assert [(r.old, r.key, r.lang, r.file) for r in redirects] == [
        ("om-oss/", "background", "sv", "om-oss/index.html"),
        ("en/om-oss/", "background", "en", "en/om-oss/index.html"),
        ("gammal.html", "home", "sv", "gammal.html"),
        ("en/gammal.html", "home", "en", "en/gammal.html"),
        ("en/about/", "background", "en", "en/about/index.html"),
    ]
    assert normalise_path("https://example.org/om-oss/") is None
    assert normalise_path("/../etc/") is None


def test_redirect_file_problems_name_line_and_fix(tmp_path):
    with pytest.raises(ContentProblems) as caught:
        _load(
            tmp_path,
            "/om-oss/: bakground\n'http://x.se/a': home\n/bakgrund/: home\n",
            taken={"bakgrund/index.html"},
        )
    report = caught.value.report("sv")
    assert "content/redirects.yml:1" in report and "Menade du 'background'?" in report
    assert "content/redirects.yml:2" in report and "ingen sökväg" in report
    assert "content/redirects.yml:3" in report and "/bakgrund/ är redan en sida" in report
    assert "Did you mean 'background'?" in caught.value.report("en")


# --- One card component ---------------------------------------------------------


def test_one_card_component_on_every_page_that_lists(showcase_site):
    """Landing page, catalogue, term page and partner page: the same card markup."""
    pages = {
        "": "initiative",
        "initiativ/": "initiative",
        "initiativ/tema/skola/": "initiative",
        "samverkansparter/coompanion-skane/": "initiative",
        "samverkansparter/": "partner",
        "evenemang/": "event",
        "aktuellt/": "news",
    }
    shapes = {}
    for url, kind in pages.items():
        cards = showcase_site.page(url).cssselect("article ul.sis-cards > li.sis-card")
        assert cards, url
        for card in cards:
            if kind == "partner" or "sis-card--partner" in card.get("class"):
                assert card.cssselect(".sis-card__title a"), url
                continue
            # A picture (<picture>, an SVG's <img>) or, without one, its placeholder band.
            shape = [("sis-card__image" if c.tag == "picture" else c.get("class").split()[0]) for c in card]
            classes = card.get("class").split()
            own = next(c.removeprefix("sis-card--") for c in classes if c.startswith("sis-card--"))
            shapes.setdefault(own, set()).add(tuple(shape))
    assert shapes == {
        "initiative": {("sis-card__title", "sis-card__image", "sis-card__summary", "sis-card__meta")},
        "event": {("sis-card__title", "sis-card__summary", "sis-card__meta")},
        "news": {("sis-card__title", "sis-card__summary", "sis-card__meta")},
    }, shapes
