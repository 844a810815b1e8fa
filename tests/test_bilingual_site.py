"""The bilingual site: languages, URLs, switcher, hreflang, sitemap, seed content.

Behaviour is asserted on the showcase (the tests' own partners and initiatives);
on the repository's content (``content_site``: as it is and after partners'
edits) only what holds for any valid content, and the seed text.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from conftest import CONTENT_SITES, FIXTURES

ROOT = Path(__file__).resolve().parent.parent
# A copy of the organisation's own text (shared/seed/000_102c1f4ba9043dd3.txt).
SEED = ROOT / "tests" / "fixtures" / "seed.txt"

PAIRS = [
    ("", "en/"),
    ("bakgrund/", "en/background/"),
    ("samverkansparter/", "en/partners/"),
    ("kontakt/", "en/contact/"),
    ("tipsa/", "en/suggest/"),
    ("tillganglighet/", "en/accessibility/"),
    ("integritet/", "en/privacy/"),
    ("initiativ/", "en/initiatives/"),
    ("oppna-data/", "en/open-data/"),
]
PARTNERS = [
    "centrum-for-publikt-entreprenorskap",
    "coompanion-skane",
    "motesplats-social-innovation",
    "natverket-ideburen-sektor-skane",
]
PARTNER_PAIRS = [(f"samverkansparter/{slug}/", f"en/partners/{slug}/") for slug in PARTNERS]
SV_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def lang_of(url: str) -> str:
    return "en" if url.startswith("en/") else "sv"


def text_of(element) -> str:
    return re.sub(r"\s+", " ", element.text_content()).strip()


# --- Languages -------------------------------------------------------------


def test_every_page_declares_its_language(content_site):
    assert len(content_site.page_urls) >= 2 * len(PAIRS)
    for url in content_site.page_urls:
        assert content_site.page(url).get("lang") == lang_of(url), url


@pytest.mark.parametrize(
    ("url", "placeholder", "skip"),
    [
        ("bakgrund/", "Sök", "Gå till innehållet"),
        ("en/background/", "Search", "Skip to content"),
    ],
)
def test_material_interface_strings_follow_the_page_language(content_site, url, placeholder, skip):
    page = content_site.page(url)
    assert page.cssselect("input.md-search__input")[0].get("placeholder") == placeholder
    assert text_of(page.cssselect("a.md-skip")[0]) == skip
    config = json.loads(page.get_element_by_id("__config").text)
    assert config["translations"]["search.result.placeholder"] == (
        "Skriv sökord" if lang_of(url) == "sv" else "Type to start searching"
    )


def test_navigation_lists_only_the_pages_language(showcase_site):
    for url in ("", "en/"):
        links = showcase_site.page(url).cssselect("nav.md-nav--primary a.md-nav__link")
        targets = {link.get("href") for link in links}
        assert targets, url
        titles = " ".join(text_of(link) for link in links)
        if url == "":
            assert "Bakgrund till projektet" in titles and "Background" not in titles
        else:
            assert "Background to the project" in titles and "Bakgrund" not in titles


def test_navigation_leads_only_to_pages_of_its_language(content_site):
    for url in ("", "en/", "bakgrund/", "en/background/"):
        hrefs = content_site.page(url).xpath("//nav[contains(@class, 'md-nav--primary')]//a/@href")
        targets = [_resolve(url, href) for href in hrefs if not href.startswith(("#", "http"))]
        assert targets, url
        assert all(lang_of(target) == lang_of(url) for target in targets), (url, targets)


@pytest.mark.parametrize(("sv", "en"), PAIRS + PARTNER_PAIRS)
def test_switcher_goes_to_the_same_page_in_the_other_language(showcase_site, sv, en):
    for here, there in ((sv, en), (en, sv)):
        links = showcase_site.page(here).cssselect("header a.sis-language__link")
        by_lang = {link.get("hreflang"): link.get("href") for link in links}
        other = lang_of(there)
        resolved = _resolve(here, by_lang[other])
        assert resolved == there, f"switcher on /{here} goes to /{resolved}, not /{there}"


def _resolve(base: str, href: str) -> str:
    from posixpath import normpath

    joined = normpath("/" + base + href)
    return (joined.strip("/") + "/") if joined != "/" else ""


@pytest.mark.parametrize(("sv", "en"), PAIRS + PARTNER_PAIRS)
def test_translations_are_announced_reciprocally_with_absolute_urls(showcase_site, sv, en):
    expected = {
        "sv": showcase_site.absolute(sv),
        "en": showcase_site.absolute(en),
        "x-default": showcase_site.absolute(sv),
    }
    for url in (sv, en):
        page = showcase_site.page(url)
        assert alternates(page) == expected, url
        canonical = page.xpath("//head/link[@rel='canonical']/@href")
        assert canonical == [showcase_site.absolute(url)]


def alternates(page) -> dict[str, str]:
    links = page.xpath("//head/link[normalize-space(@rel)='alternate'][@hreflang]")
    return {link.get("hreflang"): link.get("href") for link in links}


def test_every_translated_page_and_its_translation_point_at_each_other(content_site):
    """Whatever the content: each announced translation exists, announces the same
    pair, and the switcher goes there."""
    pairs = 0
    for url in content_site.page_urls:
        page = content_site.page(url)
        announced = alternates(page)
        if not announced:
            continue
        assert content_site.absolute(url) in (announced["sv"], announced["en"]), url
        assert announced["x-default"] == announced["sv"], url
        other_lang = "en" if lang_of(url) == "sv" else "sv"
        other = announced[other_lang].removeprefix(content_site.site_url)
        assert alternates(content_site.page(other)) == announced, (url, other)
        links = page.cssselect("header a.sis-language__link")
        switcher = {link.get("hreflang"): link.get("href") for link in links}
        assert _resolve(url, switcher[other_lang]) == other, url
        pairs += 1
    assert pairs >= 2 * len(PAIRS)


@pytest.mark.parametrize("site", ["showcase_site", *CONTENT_SITES])
def test_sitemap_lists_every_page_with_matching_alternates(request, site):
    built = request.getfixturevalue(site)
    sitemap = built.xml("sitemap.xml")
    entries = {}
    for url in sitemap.findall("s:url", SV_NS):
        loc = url.findtext("s:loc", namespaces=SV_NS)
        entries[loc] = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", SV_NS)}
    # Every page but those for maintainers only (noindex: the translation status, in
    # each language) and English fallbacks, whose canonical is their Swedish original.
    noindex = [
        url for url in built.page_urls if built.page(url).xpath("//meta[@name='robots'][@content='noindex']")
    ]
    assert len(noindex) == 2
    indexed = [
        url
        for url in built.page_urls
        if url not in noindex
        and built.page(url).xpath("//head/link[@rel='canonical']/@href") == [built.absolute(url)]
    ]
    assert set(entries) == {built.absolute(url) for url in indexed}
    for url in indexed:
        assert entries[built.absolute(url)] == alternates(built.page(url)), url
    if site == "showcase_site":
        for sv, en in PAIRS + PARTNER_PAIRS:
            expected = {
                "sv": built.absolute(sv),
                "en": built.absolute(en),
                "x-default": built.absolute(sv),
            }
            assert entries[built.absolute(sv)] == expected
            assert entries[built.absolute(en)] == expected


def test_each_language_has_its_own_search_index(showcase_site):
    for lang, prefix in (("sv", ""), ("en", "en/")):
        index = json.loads(showcase_site.path(f"{prefix}search/search_index.json").read_text("utf-8"))
        assert index["config"]["lang"] == [lang]
        # Stemming, after trimming (see mkdocs.yml and search-stemming.js).
        assert index["config"]["pipeline"] == ["trimmer", "stopWordFilter", "stemmer"]
        locations = [doc["location"] for doc in index["docs"]]
        assert locations and not any(location.startswith("en/") for location in locations)
        text = " ".join(doc["text"] + doc["title"] for doc in index["docs"])
        if lang == "sv":
            assert "Bakgrund till projektet" in text and "Background to the project" not in text
        else:
            assert "Background to the project" in text and "Bakgrund till projektet" not in text
    # Each page's search base points at its language's index.
    for url in ("bakgrund/", "en/background/"):
        config = json.loads(showcase_site.page(url).get_element_by_id("__config").text)
        assert _resolve(url, config["base"] + "/") == ("" if url == "bakgrund/" else "en/")


# --- Content from the seed -------------------------------------------------


def _seed_paragraphs() -> list[str]:
    text = SEED.read_text("utf-8")
    return [re.sub(r"\s+", " ", line.strip(" •")) for line in text.splitlines() if len(line.strip()) > 40]


def _normalise_dashes(text: str) -> str:
    # The seed writes "NÄTVERKET–Idéburen" with and without spaces; typography only.
    return re.sub(r"\s*[–-]\s*", "–", text)


def _partner_paragraphs() -> set[str]:
    """The seed's paragraphs that are partners' descriptions (as the fixture partners,
    copies of the originals, hold them): a partner may rewrite its own."""
    descriptions = _normalise_dashes(
        " ".join(
            re.sub(r"\s+", " ", str(yaml.safe_load(path.read_text("utf-8"))["description"]["sv"]))
            for path in (FIXTURES / "partners").glob("*.yml")
        )
    )
    return {
        p for p in _seed_paragraphs() if _normalise_dashes(p.removesuffix(" Läs mer här")) in descriptions
    }


def _missing(site, urls: list[str], paragraphs) -> list[str]:
    site_text = _normalise_dashes(" ".join(text_of(site.page(url).cssselect("article")[0]) for url in urls))
    return [p for p in paragraphs if _normalise_dashes(p.removesuffix(" Läs mer här")) not in site_text]


def test_seed_text_stands_word_for_word_on_the_swedish_home_and_background(content_site):
    """The organisation's own words on the pages that are the project's own (the issue's
    rule: seed checks stay for home and background, whatever else is edited)."""
    paragraphs = [p for p in _seed_paragraphs() if p not in _partner_paragraphs()]
    missing = _missing(content_site, ["", "bakgrund/"], paragraphs)
    assert not missing, "seed text not found on the Swedish pages:\n" + "\n".join(missing)


def test_partner_descriptions_from_the_seed_stand_word_for_word(showcase_site):
    """On the fixture partners (the seed's descriptions): a partner's text is shown as written."""
    paragraphs = _partner_paragraphs()
    assert len(paragraphs) >= 4
    missing = _missing(showcase_site, [sv for sv, _ in PARTNER_PAIRS], paragraphs)
    assert not missing, "seed text not found on the partner pages:\n" + "\n".join(missing)


def test_home_pages_carry_the_invitation_and_the_four_ways(content_site):
    sv = content_site.page("")
    assert text_of(sv.cssselect("article h1")[0]) == "Samverkan för sociala innovationer"
    assert len(sv.xpath("//article//h2[normalize-space()='Hur då?']/following-sibling::ul[1]/li")) == 4
    assert "Alla behövs, häng på!" in text_of(sv.cssselect("article")[0])
    en = content_site.page("en/")
    assert len(en.xpath("//article//h2[normalize-space()='How?']/following-sibling::ul[1]/li")) == 4


def test_partners_overview_lists_the_four_in_order_in_both_languages(showcase_site):
    for url, names in (
        (
            "samverkansparter/",
            [
                "Centrum för Publikt Entreprenörskap",
                "Coompanion Skåne",
                "Mötesplats Social Innovation",
                "NÄTVERKET – Idéburen sektor Skåne",
            ],
        ),
        (
            "en/partners/",
            [
                "Centrum för Publikt Entreprenörskap",
                "Coompanion Skåne",
                "Mötesplats Social Innovation",
                "NÄTVERKET – Idéburen sektor Skåne",
            ],
        ),
    ):
        cards = showcase_site.page(url).cssselect(".sis-card--partner .sis-card__title a")
        assert [text_of(card) for card in cards] == names
        hrefs = [_resolve(url, card.get("href")) for card in cards]
        assert hrefs == [f"{url}{slug}/" for slug in PARTNERS]


def test_partner_pages_exist_in_both_languages_with_their_description(showcase_site):
    for sv, en in PARTNER_PAIRS:
        sv_text = text_of(showcase_site.page(sv).cssselect("article")[0])
        en_text = text_of(showcase_site.page(en).cssselect("article")[0])
        assert len(sv_text) > 200 and len(en_text) > 200
        assert not showcase_site.page(en).cssselect(".sis-untranslated")


def test_website_links_say_where_they_go_and_only_where_a_website_is_known(showcase_site):
    msi = showcase_site.page("samverkansparter/motesplats-social-innovation/")
    assert msi.xpath("//article//a[normalize-space()='Mötesplats Social Innovation på webben']/@href") == [
        "https://socialinnovation.se/"
    ]
    msi = showcase_site.page("en/partners/motesplats-social-innovation/")
    assert msi.xpath("//article//a[normalize-space()='Mötesplats Social Innovation on the web']/@href") == [
        "https://socialinnovation.se/"
    ]
    # The fixture's centrum-for-publikt-entreprenorskap has neither website nor logo.
    centrum = showcase_site.page("samverkansparter/centrum-for-publikt-entreprenorskap/")
    assert not centrum.xpath("//article//a[contains(., 'på webben')]")
    # No logo given: no image at all, never a broken one.
    assert not centrum.cssselect("article img")


def test_edit_links_point_at_the_source_files(showcase_site):
    edit = showcase_site.page("bakgrund/").xpath("//a[@rel='edit']/@href")
    assert len(edit) == 1 and edit[0].endswith("/edit/main/docs/bakgrund.md")
    edit = showcase_site.page("en/partners/coompanion-skane/").xpath("//a[@rel='edit']/@href")
    assert len(edit) == 1 and edit[0].endswith("/edit/main/content/partners/coompanion-skane.yml")


# --- Every page ------------------------------------------------------------


def test_every_page_shows_the_eu_funding_at_the_top(content_site):
    for url in [*content_site.page_urls, "404.html"]:
        page = content_site.page(url)
        banner = page.cssselect("[data-md-component=announce] .sis-eu")
        assert banner, url
        emblem = banner[0].cssselect("img.sis-eu__emblem")[0]
        assert emblem.get("src").endswith("assets/images/eu-emblem.svg")
        text = text_of(banner[0])
        if lang_of(url) == "sv":
            assert "Europeiska unionen" in text and "Europeiska regionala utvecklingsfonden" in text, url
        else:
            assert "European Union" in text and "European Regional Development Fund" in text, url


def test_eu_emblem_is_the_colour_emblem(content_site):
    svg = content_site.path("assets/images/eu-emblem.svg").read_text("utf-8")
    assert 'fill="#003399"' in svg and 'fill="#FFCC00"' in svg
    assert svg.count("<polygon") == 12


def test_every_page_has_the_footer_links(content_site):
    for url in content_site.page_urls:
        footer = content_site.page(url).cssselect("footer.md-footer")[0]
        targets = [
            _resolve(url, href) if not href.startswith("http") else href
            for href in footer.xpath(".//nav//a/@href")
        ]
        if lang_of(url) == "sv":
            assert targets[:3] == ["kontakt/", "tillganglighet/", "integritet/"], url
        else:
            assert targets[:3] == ["en/contact/", "en/accessibility/", "en/privacy/"], url
        # Last, the source: the repository, and this page's own file or the issues.
        source, change = targets[-2:]
        assert source.startswith("https://github.com/") and change.startswith(source + "/"), url


LOADING = (
    "//script[@src] | //img[@src] | //iframe | //video | //audio | //source | //embed"
    " | //object | //link[not(normalize-space(@rel)='alternate') and not(@rel='canonical')]"
)


def test_no_page_loads_anything_from_another_host(content_site):
    own = content_site.site_url
    for url in [*content_site.page_urls, "404.html"]:
        page = content_site.page(url)
        for element in page.xpath(LOADING):
            for attribute in ("src", "href", "data", "srcset"):
                target = element.get(attribute)
                if target and re.match(r"^(https?:)?//", target):
                    assert target.startswith(own), f"/{url} loads {target} ({element.tag})"
        # Material's repository widget calls the GitHub API from the browser.
        assert not page.xpath("//*[@data-md-component='source']"), url
        assert "fonts.googleapis" not in content_site.path(url).read_text("utf-8")


def test_no_stylesheet_loads_from_another_host(content_site):
    for path in content_site.root.rglob("*.css"):
        text = path.read_text("utf-8")
        for target in re.findall(r"url\(\s*['\"]?([^'\")]+)", text) + re.findall(
            r"@import\s+['\"]([^'\"]+)", text
        ):
            assert not re.match(r"^(https?:)?//", target), f"{path.name} loads {target}"
