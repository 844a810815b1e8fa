"""A site, not a documentation theme (issue 25), asserted on the built HTML.

No edit pencil and no repository link in the header or the phone menu: the
footer has them. No sidebar or table of contents with one entry. The home
tab says "Start" / "Home"; the language switch names the other language.
"""

from __future__ import annotations

import pytest

from test_bilingual_site import lang_of


def test_no_edit_pencil_and_no_repository_link_in_header_or_menu(showcase_site):
    for url in showcase_site.page_urls:
        page = showcase_site.page(url)
        assert not page.cssselect(".md-content__button"), url  # Material's pencil
        for chrome in page.cssselect("header.md-header, .md-sidebar, .md-tabs"):
            links = chrome.xpath(".//a/@href")
            assert not [href for href in links if "github.com" in href], url
            assert not chrome.cssselect(".md-source, [data-md-component=source]"), url


@pytest.mark.parametrize(
    ("url", "source", "change"),
    [
        ("", "Källkod och innehåll", "Föreslå en ändring"),
        ("en/", "Source code and content", "Suggest a change"),
    ],
)
def test_footer_offers_the_source_and_a_change_to_this_page(showcase_site, url, source, change):
    footer = showcase_site.page(url).cssselect("footer .sis-footer")[0]
    links = {" ".join(a.text_content().split()): a.get("href") for a in footer.cssselect("a")}
    assert links[source].startswith("https://github.com/")
    assert links[change] == f"{links[source]}/edit/main/docs/{'en/' if url else ''}index.md"


def test_generated_pages_suggest_a_change_to_their_content_file(showcase_site):
    footer = showcase_site.page("initiativ/abborren/").cssselect("footer .sis-footer")[0]
    (edit,) = footer.xpath(".//a[@rel='edit']/@href")
    assert edit.endswith("/edit/main/content/initiatives/abborren.yml")


def _sidebar_entries(page, kind: str) -> int | None:
    """Links in the left (navigation) or right (toc) sidebar, None when hidden."""
    (sidebar,) = page.cssselect(f".md-sidebar[data-md-type={kind}]")
    if sidebar.get("hidden") is not None:
        return None
    if kind == "toc":
        return len(sidebar.cssselect(".md-nav--secondary a"))
    # Desktop with tabs: the active tab's section, without its title link.
    active = ".md-nav--primary > .md-nav__list > .md-nav__item--active .md-nav__link[href]"
    return len(sidebar.cssselect(active))


def test_no_sidebar_or_table_of_contents_with_one_entry(showcase_site):
    shown_toc = []
    for url in showcase_site.page_urls:
        page = showcase_site.page(url)
        for kind in ("navigation", "toc"):
            entries = _sidebar_entries(page, kind)
            assert entries is None or entries >= 2, f"/{url}: {kind} with {entries} entry"
            if kind == "toc" and entries:
                shown_toc.append(url)
    # The results page has sections: its table of contents stays.
    assert "resultat/" in shown_toc and "en/results/" in shown_toc
    one_entry = ["initiativ/", "samverkansparter/", "kontakt/", "initiativ/abborren/"]
    one_entry.append("en/initiatives/abborren/")
    for url in one_entry:
        page = showcase_site.page(url)
        assert _sidebar_entries(page, "navigation") is None, url
        assert _sidebar_entries(page, "toc") is None, url


def test_home_tab_says_start_or_home(showcase_site):
    for url in ("", "bakgrund/", "en/", "en/background/"):
        first = showcase_site.page(url).cssselect(".md-tabs__link")[0]
        assert " ".join(first.text_content().split()) == ("Home" if lang_of(url) == "en" else "Start"), url
        # The phone menu (the drawer) names it so too, and the page keeps its own title.
        menu = showcase_site.page(url).xpath(
            "//nav[contains(@class, 'md-nav--primary')]//a[contains(@class, 'md-nav__link')]"
        )
        assert " ".join(menu[0].text_content().split()) == ("Home" if lang_of(url) == "en" else "Start"), url
    assert showcase_site.page("").xpath("string(//title)") == "Social Innovation Skåne"
    assert showcase_site.page("en/").xpath("string(//h1)").strip() != "Home"


def test_language_switch_names_the_other_language(showcase_site):
    for url, name, code in (("initiativ/", "English", "en"), ("en/initiatives/", "Svenska", "sv")):
        (switch,) = showcase_site.page(url).cssselect("header a.sis-language__link")
        assert " ".join(switch.text_content().split()) == name
        assert switch.get("hreflang") == code and switch.get("lang") == code


# --- Subscribe, not download ---------------------------------------------------


@pytest.mark.parametrize(
    ("url", "ics"), [("evenemang/", "evenemang/kalender.ics"), ("en/events/", "en/events/calendar.ics")]
)
def test_events_page_and_footer_offer_the_calendar_to_subscribe(showcase_site, url, ics):
    https = showcase_site.absolute(ics)
    webcal = "webcal://" + https.split("://", 1)[1]
    page = showcase_site.page(url)
    for place in (page.cssselect("article .sis-subscribe")[0], page.cssselect("footer .sis-footer")[0]):
        assert webcal in place.xpath(".//a/@href"), url
        assert https in [" ".join(code.text_content().split()) for code in place.cssselect("code")], url
    how = " ".join(page.cssselect("article .sis-subscribe__how")[0].text_content().split())
    assert all(name in how for name in ("Google", "Outlook", "Apple"))
    # Every page's footer has it.
    footer = showcase_site.page("initiativ/abborren/" if url == "evenemang/" else "en/").cssselect("footer")[
        0
    ]
    assert any(href.startswith("webcal://") for href in footer.xpath(".//a/@href"))


def test_calendar_tells_subscribers_how_often_to_refresh(showcase_site):
    text = showcase_site.path("evenemang/kalender.ics").read_bytes().decode("utf-8")
    head = text[: text.index("BEGIN:VEVENT")]
    assert "REFRESH-INTERVAL;VALUE=DURATION:PT12H\r\n" in head
    assert "X-PUBLISHED-TTL:PT12H\r\n" in head


# --- Search ---------------------------------------------------------------------


def test_search_boosts_what_visitors_look_for(showcase_site):
    import json

    index = json.loads(showcase_site.path("search/search_index.json").read_text("utf-8"))
    boost = {doc["location"]: doc.get("boost", 1) for doc in index["docs"] if "#" not in doc["location"]}
    assert boost["initiativ/abborren/"] > boost["samverkansparter/coompanion-skane/"]
    assert boost["initiativ/abborren/"] > boost["bakgrund/"]
    event = next(url for url in boost if url.startswith("evenemang/") and url.count("/") == 2)
    assert boost[event] > boost["bakgrund/"]


@pytest.mark.parametrize(
    ("url", "slug", "told"),
    [
        (
            "samverkansparter/coompanion-skane/",
            "abborren",
            "Teman: Skola, Utanförskap. Kommuner: Malmö, Lund.",
        ),
        ("initiativ/", "akerlyckan", "Tema: Vård och omsorg. Kommun: Höör."),
        ("en/initiatives/", "akerlyckan", "Theme: Health and social care. Municipality: Höör."),
    ],
)
def test_tags_on_cards_are_told_as_lists(showcase_site, url, slug, told):
    """Shown as separate boxes; read (screen readers, the search index) as two lists,
    each named in the singular or plural as it has one term or more."""
    card = showcase_site.page(url).cssselect(f"#initiative-{slug}")[0]
    meta = card.cssselect(".sis-card__meta")[0]
    assert " ".join(meta.text_content().split()) == told
    # What is seen: the terms in their boxes, no separators or names of the lists.
    shown = [tag.text_content() for tag in meta.cssselect(".sis-tag")]
    terms = [term.strip(" .") for part in told.split(". ") for term in part.split(": ")[1].split(", ")]
    assert shown == terms


# --- The whole region under every municipality --------------------------------------


def test_municipality_pages_list_the_whole_regions_initiatives_and_say_so(showcase_site):
    for url, note in (
        ("initiativ/kommun/lund/", "Hela Skåne"),
        ("en/initiatives/municipality/lund/", "All of Skåne"),
    ):
        page = showcase_site.page(url)
        slugs = page.xpath("//article//li[contains(@class, 'sis-card')]/@data-slug")
        assert sorted(slugs) == ["abborren", "angsbacken"], url
        assert note in page.cssselect(".sis-region-note")[0].text_content()
        assert page.cssselect("#initiative-angsbacken .sis-tag--region")
    # The whole region's own page lists only its own.
    region = showcase_site.page("initiativ/kommun/hela-skane/")
    assert region.xpath("//article//li[contains(@class, 'sis-card')]/@data-slug") == ["angsbacken"]
    assert not region.cssselect(".sis-region-note")


def test_cards_carry_a_responsive_lazy_picture_with_its_size(showcase_site):
    card = showcase_site.page("initiativ/").cssselect("#initiative-abborren")[0]
    (image,) = card.cssselect("img.sis-card__image")
    assert image.get("loading") == "lazy" and image.get("width") and image.get("height")
    assert card.cssselect("picture source[type='image/webp']")
    assert image.get("sizes") and " 400w" in image.get("srcset")


@pytest.mark.parametrize(
    ("url", "labels"),
    [
        ("initiativ/abborren/", ["Teman", "Kommuner"]),
        ("initiativ/akerlyckan/", ["Tema", "Kommun"]),
        ("en/initiatives/akerlyckan/", ["Theme", "Municipality"]),
    ],
)
def test_a_fact_with_one_term_is_named_in_the_singular(showcase_site, url, labels):
    terms = showcase_site.page(url).xpath("//dl[contains(@class, 'sis-facts')]/dt/text()")
    assert [
        label
        for label in terms
        if label
        in {"Tema", "Teman", "Kommun", "Kommuner", "Theme", "Themes", "Municipality", "Municipalities"}
    ] == labels
