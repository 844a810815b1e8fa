"""The showcase: initiative pages, catalogue, term pages, drafts, fallbacks."""

from __future__ import annotations

import json
import re
from posixpath import normpath

import pytest

from conftest import build_site

SV_ORDER = ["Abborren", "Zebrastigen", "Åkerlyckan", "Ängsbacken", "Östra bryggan"]
PUBLISHED = {"abborren", "zebrastigen", "akerlyckan", "angsbacken", "ostra-bryggan"}
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def text_of(element) -> str:
    return re.sub(r"\s+", " ", element.text_content()).strip()


def resolve(base: str, href: str) -> str:
    joined = normpath("/" + base + href.split("#")[0])
    return (joined.strip("/") + "/") if joined != "/" else ""


def card_titles(page) -> list[str]:
    return [text_of(a) for a in page.cssselect("#sis-catalogue .sis-card__title a")]


# --- Initiative pages ------------------------------------------------------


def test_initiative_page_shows_every_field(showcase_site):
    page = showcase_site.page("initiativ/abborren/")
    article = page.cssselect("article")[0]
    text = text_of(article)
    assert text_of(article.cssselect("h1")[0]) == "Abborren"
    for expected in (
        "Fiskeklubb där unga och äldre lär av varandra vid vattnet.",
        "Klubben träffas varje lördag.",
        "Skola",
        "Utanförskap",
        "Malmö",
        "Lund",
        "Test",
        "Abborrklubben",
        "Ideell förening",
        "2016",
    ):
        assert expected in text, expected
    # Dates in words, as news and events write them; the machine-readable date beside.
    assert [(text_of(t), t.get("datetime")) for t in article.cssselect(".sis-facts time")] == [
        ("20 november 2026", "2026-11-20"),
        ("26 november 2026", "2026-11-26"),
    ]
    assert article.xpath(".//h2[normalize-space()='Så började det']")
    assert article.xpath(".//a[@href='https://www.example.org/abborren']")
    assert article.xpath(".//a[@href='mailto:info@example.org']")
    image = article.cssselect("figure img")[0]
    assert image.get("alt") == "Solig himmel över en grön äng."
    assert showcase_site.exists(resolve("initiativ/abborren/", image.get("src")).rstrip("/"))
    links = {resolve("initiativ/abborren/", href) for href in article.xpath(".//dl//a/@href")}
    assert {
        "initiativ/tema/skola/",
        "initiativ/kommun/malmo/",
        "samverkansparter/coompanion-skane/",
        "samverkansparter/motesplats-social-innovation/",
    } <= links


def test_initiative_page_in_english(showcase_site):
    page = showcase_site.page("en/initiatives/abborren/")
    article = page.cssselect("article")[0]
    text = text_of(article)
    assert text_of(article.cssselect("h1")[0]) == "The Perch"
    for expected in (
        "A fishing club",
        "The club meets every Saturday.",
        "Schools",
        "Social exclusion",
        "Testing",
        "Non-profit association",
    ):
        assert expected in text, expected
    dates = [text_of(t) for t in article.cssselect(".sis-facts time")]
    assert dates == ["20 November 2026", "26 November 2026"]
    assert not article.cssselect(".sis-untranslated")
    assert "en/initiatives/theme/school/" in {
        resolve("en/initiatives/abborren/", h) for h in article.xpath(".//dl//a/@href")
    }
    hreflang = {link.get("hreflang") for link in page.xpath("//head/link[@hreflang]")}
    assert hreflang == {"sv", "en", "x-default"}


def test_related_initiatives_share_a_theme(showcase_site):
    page = showcase_site.page("initiativ/abborren/")
    related = [
        text_of(a)
        for a in page.xpath("//article//h2[normalize-space()='Liknande initiativ']/following::ul[1]//h3/a")
    ]
    assert related and set(related) <= {"Zebrastigen", "Ängsbacken"}


def test_untranslated_initiative_falls_back_to_swedish(showcase_site):
    page = showcase_site.page("en/initiatives/akerlyckan/")
    article = page.cssselect("article")[0]
    assert page.get("lang") == "en"
    heading = article.cssselect("h1")[0]
    assert heading.get("lang") == "sv" and text_of(heading) == "Åkerlyckan"
    notice = article.cssselect(".sis-untranslated")[0]
    assert "only available in Swedish" in text_of(notice)
    summary = article.cssselect(".sis-lead")[0]
    assert summary.get("lang") == "sv"
    assert article.xpath(".//*[@lang='sv'][contains(., 'Butiken har öppet på helgerna.')]")
    # Not announced as a translation, from either side, nor in the sitemap.
    assert not page.xpath("//head/link[@hreflang]")
    assert not showcase_site.page("initiativ/akerlyckan/").xpath("//head/link[@hreflang]")
    sitemap = showcase_site.xml("sitemap.xml")
    for url in sitemap.findall("s:url", SITEMAP_NS):
        if "akerlyckan" in url.findtext("s:loc", namespaces=SITEMAP_NS):
            assert not url.findall("x:link", SITEMAP_NS)
    # The switcher still leads to the counterpart.
    switch = {a.get("hreflang"): a.get("href") for a in page.cssselect("header a.sis-language__link")}
    assert resolve("en/initiatives/akerlyckan/", switch["sv"]) == "initiativ/akerlyckan/"


def test_hand_written_page_without_translation_falls_back(showcase_site):
    page = showcase_site.page("en/bara-pa-svenska/")
    assert page.get("lang") == "en"
    assert "only available in Swedish" in text_of(page.cssselect("article .sis-untranslated")[0])
    assert page.xpath("//article//*[@lang='sv']//h1[normalize-space()='Bara på svenska']")
    assert not page.xpath("//head/link[@hreflang]")


# --- Catalogue -------------------------------------------------------------


def test_catalogue_lists_published_initiatives_in_swedish_order(showcase_site):
    assert card_titles(showcase_site.page("initiativ/")) == SV_ORDER


def test_english_catalogue_uses_english_order_and_names(showcase_site):
    # Åkerlyckan has no English name: it keeps its Swedish one, and English
    # order files Å under A.
    assert card_titles(showcase_site.page("en/initiatives/")) == [
        "Åkerlyckan",
        "The East Jetty",
        "The Meadow",
        "The Perch",
        "Zebra Crossing",
    ]


def test_catalogue_cards_show_summary_themes_and_municipalities(showcase_site):
    card = showcase_site.page("initiativ/").get_element_by_id("initiative-abborren")
    text = text_of(card)
    for expected in ("Fiskeklubb", "Skola", "Utanförskap", "Malmö", "Lund"):
        assert expected in text


def test_catalogue_has_labelled_filters_and_a_polite_count(showcase_site):
    page = showcase_site.page("initiativ/")
    form = page.get_element_by_id("sis-filters")
    controls = form.cssselect("select, input")
    assert len(controls) == 5
    for control in controls:
        assert form.cssselect(f"label[for={control.get('id')}]"), control.get("id")
    options = [o.get("value") for o in form.cssselect("#sis-filter-themes option")]
    assert "skola" in options and "ungdomsarbetsloshet" not in options  # draft-only theme
    count = page.get_element_by_id("sis-count")
    assert count.get("aria-live") == "polite"
    assert text_of(count) == "Visar 5 av 5 initiativ"


def test_catalogue_lists_terms_with_counts(showcase_site):
    page = showcase_site.page("initiativ/")
    browse = text_of(page.cssselect(".sis-browse")[0])
    assert "Skola (3 initiativ)" in browse
    assert "Malmö (2 initiativ)" in browse
    assert "Ungdomsarbetslöshet" not in browse and "Båstad" not in browse


def test_filter_data_is_one_compact_file_per_language(showcase_site):
    for lang, theme in (("sv", "skola"), ("en", "school")):
        data = json.loads(showcase_site.path(f"assets/catalogue/{lang}.json").read_text("utf-8"))
        rows = {row[0]: dict(zip(data["fields"], row, strict=True)) for row in data["rows"]}
        assert set(rows) == PUBLISHED
        themes = [term[0] for term in data["terms"]["themes"]]
        assert theme in [themes[i] for i in rows["abborren"]["themes"]]
        assert "ungdomsarbetsloshet" not in themes  # the draft's own theme
        assert rows["abborren"]["partners"] == ["coompanion-skane", "motesplats-social-innovation"]
        # What a card shows and the filters need; never the description.
        assert rows["akerlyckan"]["organisation"] == "Åkerlyckan ekonomisk förening"
        assert "Butiken har öppet" not in json.dumps(data, ensure_ascii=False)
    en = json.loads(showcase_site.path("assets/catalogue/en.json").read_text("utf-8"))
    rows = {row[0]: dict(zip(en["fields"], row, strict=True)) for row in en["rows"]}
    # A name shown in Swedish on the English page says so, for screen readers.
    assert rows["akerlyckan"]["name"] == ["Åkerlyckan", "sv"]
    assert rows["akerlyckan"]["summary"][1] == "sv"
    assert rows["abborren"]["name"] == "The Perch"
    assert [row[0] for row in en["rows"]] == [
        "akerlyckan",
        "ostra-bryggan",
        "angsbacken",
        "abborren",
        "zebrastigen",
    ]


def test_catalogue_pages_are_not_in_the_sidebar(showcase_site):
    nav = showcase_site.page("initiativ/").cssselect("nav.md-nav--primary")[0]
    hrefs = {resolve("initiativ/", href) for href in nav.xpath(".//a/@href") if "//" not in href}
    assert "initiativ/" in hrefs
    assert not any(h.startswith("initiativ/") and h != "initiativ/" for h in hrefs)


# --- Term pages ------------------------------------------------------------


def test_term_pages_list_their_initiatives_with_a_count(showcase_site):
    for url, title, names, count in (
        ("initiativ/tema/skola/", "Tema: Skola", ["Abborren", "Zebrastigen", "Ängsbacken"], "3 initiativ"),
        # Ängsbacken is for all of Skåne: Malmö's page lists it too.
        (
            "initiativ/kommun/malmo/",
            "Kommun: Malmö",
            ["Abborren", "Zebrastigen", "Ängsbacken"],
            "3 initiativ",
        ),  # noqa: E501
        (
            "en/initiatives/theme/school/",
            "Theme: Schools",
            ["The Meadow", "The Perch", "Zebra Crossing"],
            "3 initiatives",
        ),
        (
            "en/initiatives/municipality/all-of-skane/",
            "Municipality: All of Skåne",
            ["The Meadow"],
            "1 initiative",
        ),
    ):
        page = showcase_site.page(url)
        assert text_of(page.cssselect("article h1")[0]) == title
        assert [text_of(a) for a in page.cssselect("article .sis-card__title a")] == names
        assert count in text_of(page.cssselect("article")[0])


def test_terms_without_initiatives_get_no_page_and_no_link(showcase_site):
    for url in (
        "initiativ/tema/ungdomsarbetsloshet/",
        "initiativ/kommun/bastad/",
        "en/initiatives/theme/youth-unemployment/",
        "initiativ/kommun/ystad/",
    ):
        assert not showcase_site.exists(url), url
    for url in showcase_site.page_urls:
        for href in showcase_site.page(url).xpath("//a/@href"):
            if href.startswith(("http", "mailto:")):
                continue
            target = resolve(url, href)
            assert "ungdomsarbetsloshet" not in target and "bastad" not in target, url


def test_term_pages_are_paired_across_languages(showcase_site):
    page = showcase_site.page("initiativ/tema/skola/")
    hreflang = {link.get("hreflang"): link.get("href") for link in page.xpath("//head/link[@hreflang]")}
    assert hreflang["en"] == showcase_site.absolute("en/initiatives/theme/school/")


# --- Partners and initiatives, both ways -----------------------------------


def test_partner_page_lists_its_initiatives(showcase_site):
    page = showcase_site.page("samverkansparter/coompanion-skane/")
    initiatives = page.cssselect("article li[id^='initiative-'] .sis-card__title a")
    assert [text_of(a) for a in initiatives] == ["Abborren", "Zebrastigen"]
    english = showcase_site.page("en/partners/coompanion-skane/")
    assert [text_of(a) for a in english.cssselect("article li[id^='initiative-'] .sis-card__title a")] == [
        "The Perch",
        "Zebra Crossing",
    ]
    # Its only initiative is a draft: nothing listed, a friendly sentence instead.
    centrum = showcase_site.page("samverkansparter/centrum-for-publikt-entreprenorskap/")
    assert not centrum.cssselect("article .sis-card")
    assert "Inga initiativ är publicerade ännu." in text_of(centrum.cssselect("article")[0])


# --- Drafts ----------------------------------------------------------------


def test_drafts_are_left_out_of_every_output(showcase_site):
    assert not showcase_site.exists("initiativ/hemligt-utkast/")
    assert not showcase_site.exists("en/initiatives/hemligt-utkast/")
    for path in showcase_site.root.rglob("*"):
        if path.suffix in (".html", ".json", ".xml", ".txt"):
            text = path.read_text("utf-8")
            assert "hemligt-utkast" not in text and "Hemligt utkast" not in text, path
            assert "Secret draft" not in text, path


def test_an_empty_catalogue_says_so_and_invites_a_suggestion(empty_site):
    """Nothing published (the fixture's only initiative is a draft)."""
    assert not any(url.startswith("initiativ/hemligt") for url in empty_site.page_urls)
    page = empty_site.page("initiativ/")
    assert not page.cssselect(".sis-card")
    empty = page.cssselect(".sis-empty")[0]
    link = empty.xpath(".//a/@href")[0]
    assert resolve("initiativ/", link) == "tipsa/"
    english = empty_site.page("en/initiatives/")
    assert "No initiatives published yet" in text_of(english.cssselect(".sis-empty")[0])


def test_sitemap_lists_initiative_and_term_pages(showcase_site):
    sitemap = showcase_site.xml("sitemap.xml")
    locs = {url.findtext("s:loc", namespaces=SITEMAP_NS) for url in sitemap.findall("s:url", SITEMAP_NS)}
    for url in (
        "initiativ/abborren/",
        "en/initiatives/abborren/",
        "initiativ/tema/skola/",
        "en/initiatives/municipality/malmo/",
    ):
        assert showcase_site.absolute(url) in locs


def test_search_indexes_initiatives_per_language(showcase_site):
    sv = json.loads(showcase_site.path("search/search_index.json").read_text("utf-8"))
    en = json.loads(showcase_site.path("en/search/search_index.json").read_text("utf-8"))
    assert any(doc["location"] == "initiativ/abborren/" for doc in sv["docs"])
    assert any(doc["location"] == "initiatives/abborren/" for doc in en["docs"])
    assert not any("hemligt" in doc["location"] for doc in sv["docs"] + en["docs"])
    # The catalogue's cards are not indexed again under the catalogue page.
    catalogue = " ".join(
        doc["text"]
        for doc in sv["docs"]
        if doc["location"].startswith("initiativ/#") or doc["location"] == "initiativ/"
    )
    assert "Fiskeklubb" not in catalogue


@pytest.fixture(scope="session")
def preview_site(showcase_source, tmp_path_factory):
    """What `make serve` shows: drafts included (as with SIS_SHOW_DRAFTS=true)."""
    return build_site(showcase_source, tmp_path_factory.mktemp("preview") / "site", SIS_SHOW_DRAFTS="true")


def test_preview_shows_drafts_with_a_banner(preview_site):
    for url, banner in (("initiativ/hemligt-utkast/", "Utkast"), ("en/initiatives/hemligt-utkast/", "Draft")):
        notice = preview_site.page(url).cssselect("article .sis-draft")
        assert notice and text_of(notice[0]).startswith(banner), url
    assert "Hemligt utkast" in card_titles(preview_site.page("initiativ/"))
    assert not preview_site.page("initiativ/abborren/").cssselect(".sis-draft")


def test_text_from_content_is_escaped_never_markup(showcase_site):
    lead = showcase_site.page("initiativ/ostra-bryggan/").cssselect("article .sis-lead")[0]
    assert lead.text_content() == 'Mötesplats på landsbygden med café & coworking, för "alla" <3.'
    source = showcase_site.path("initiativ/ostra-bryggan/").read_text("utf-8")
    assert "café &amp; coworking, för &#34;alla&#34; &lt;3." in source
    landing = showcase_site.path("").read_text("utf-8")
    assert "café &amp; coworking, för &#34;alla&#34; &lt;3." in landing


def test_print_only_address_is_not_searchable(showcase_site):
    page = showcase_site.page("initiativ/abborren/")
    assert page.cssselect("article .sis-print-only")
    index = showcase_site.path("search/search_index.json").read_text("utf-8")
    assert "Utskrivet från" not in index
